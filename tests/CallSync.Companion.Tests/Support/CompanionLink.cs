namespace CallSync.Companion.Tests.Support;

/// <summary>The link a test runs the companion protocol over.</summary>
public enum CompanionLink
{
    /// <summary>TCP on 127.0.0.1 (simulation, the CLI).</summary>
    Tcp,

    /// <summary>
    /// AF_UNIX SOCK_SEQPACKET pairs carrying SDUs of at most <see cref="SeqPacketTransport.LeMtu"/> bytes each way,
    /// through the same <c>BluetoothStream</c> the LE L2CAP transport uses: the framing on LE message boundaries.
    /// </summary>
    Le,
}
