namespace CallSync.Media.Interop;

/// <summary>Names of the native libraries this assembly loads (sonames, so the runtime packages suffice).</summary>
internal static class Libraries
{
    /// <summary>libopus (Debian libopus0).</summary>
    internal const string Opus = "libopus.so.0";
}
