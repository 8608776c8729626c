namespace CallSync.Sip.Syntax;

/// <summary>Size limits the codec enforces on every message it reads.</summary>
public static class SipLimits
{
    /// <summary>
    /// Largest whole message (start line, headers and body) accepted, 64 KiB: the largest UDP datagram,
    /// and far above anything a desk phone exchanges (a large INVITE with SDP is ~2 KB).
    /// </summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Largest header section (start line and headers, without the body) accepted.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    /// <summary>Most header lines one message may carry; more is treated as an attack.</summary>
    public const int MaxHeaderCount = 256;
}
