using System.Globalization;
using CallSync.Testing.Interop;

namespace CallSync.Testing.Processes;

/// <summary>A process group a <see cref="ChildProcess"/> leads: signalled as a whole, and watched until it is gone.</summary>
internal static class ProcessGroup
{
    /// <summary>Sends <paramref name="signal"/> to every process of the group; false when the group is empty.</summary>
    public static bool Signal(int group, int signal)
    {
        // kill(0) would signal the test host's own group and kill(-1) every process: never let either through.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(group, 1);
        return LibC.Signal(-group, signal);
    }

    /// <summary>
    /// Waits (bounded) until no live process is left in the group. SIGKILL takes effect when the kernel next runs
    /// each process, so on a loaded machine a forked child may outlive its killed parent by a moment. Zombies (dead,
    /// not yet reaped by whoever adopted them) do not count.
    /// </summary>
    public static void WaitUntilGone(int group, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (HasLiveMembers(group) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10); // the kernel gives no event for "a group emptied"
        }
    }

    private static bool HasLiveMembers(int group)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // exited while we looked
            }

            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 2 && fields[0] != "Z" && fields[2] == group.ToString(CultureInfo.InvariantCulture))
            {
                return true;
            }
        }

        return false;
    }
}
