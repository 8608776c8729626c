namespace CallSync.Hal.Interop;

/// <summary>Names of the native libraries this assembly loads.</summary>
internal static class Libraries
{
    /// <summary>The C library (glibc on the board and here).</summary>
    internal const string Libc = "libc";
}
