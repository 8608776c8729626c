using System.Runtime.InteropServices;

namespace CallSync.Hal.Tests.Linux;

/// <summary>
/// Sets a variable in the process's C environment, which native libraries read with getenv(); .NET's
/// Environment.SetEnvironmentVariable only changes its own copy on Unix.
/// </summary>
internal static partial class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        if (SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
