using System.Runtime.InteropServices;

namespace CallSync.Testing.Interop;

/// <summary>The few libc calls the process harness needs: signals to a process or a whole process group.</summary>
internal static partial class LibC
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/> (a negative pid names a process group).</summary>
    /// <returns>False when no such process (or group) exists any more.</returns>
    public static bool Signal(int pid, int signal)
    {
        if (Kill(pid, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
