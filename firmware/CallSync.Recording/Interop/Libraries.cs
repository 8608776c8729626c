namespace CallSync.Recording.Interop;

/// <summary>Native libraries this assembly loads.</summary>
internal static class Libraries
{
    /// <summary>libopusenc (Debian libopusenc0), the reference Ogg Opus writer.</summary>
    internal const string OpusEnc = "libopusenc.so.0";
}
