namespace CallSync.Media.Interop;

/// <summary>Names of the native libraries this assembly loads (sonames, so the runtime packages suffice).</summary>
internal static class Libraries
{
    /// <summary>libopus (Debian libopus0).</summary>
    internal const string Opus = "libopus.so.0";

    /// <summary>spandsp 0.0.6 (Debian libspandsp2): the G.722 codec.</summary>
    internal const string SpanDsp = "libspandsp.so.2";
}
