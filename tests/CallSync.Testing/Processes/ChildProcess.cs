using System.Diagnostics;
using System.Globalization;
using CallSync.Testing.Interop;

namespace CallSync.Testing.Processes;

/// <summary>
/// A program run by a test: started in its own process group (through <c>setsid</c>), its standard output and
/// error collected line by line with bounded memory, waited for with timeouts whose failure messages carry the tail
/// of its output, and always stopped with its whole group: SIGTERM, a grace period, then SIGKILL. When the program
/// exits, whatever it forked is killed with it: the group is only ever signalled while its leader's pid is known
/// to be ours (pid numbers are reused, quickly on a busy machine).
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    /// <summary>Every child not yet disposed: killed with their groups if the test host exits first.</summary>
    private static readonly HashSet<ChildProcess> Running = [];

    private readonly Process _process;
    private readonly ChildProcessOptions _options;
    private readonly TaskCompletionSource _standardOutputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _standardErrorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _cursor;
    private bool _disposed;

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillRunning();

    private ChildProcess(ChildProcessOptions options)
    {
        _options = options;
        Name = options.Name ?? Path.GetFileName(options.FileName);
        Log = new OutputLog(options.OutputCapacity);

        // setsid makes the program the leader of a new process group (its pid is the group id), so a stop reaches
        // everything it forked; the harness is never a group leader itself, so setsid execs without forking.
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // kept open: a program reading its standard input sees no end of file
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(options.FileName);
        foreach (var argument in options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.Exited += (_, _) => OnExited();
        _process.OutputDataReceived += (_, e) => Collect(e.Data, _standardOutputClosed);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data, _standardErrorClosed);
    }

    /// <summary>The name used in messages.</summary>
    public string Name { get; }

    /// <summary>Everything the program wrote (bounded).</summary>
    public OutputLog Log { get; }

    /// <summary>The kept output as one text.</summary>
    public string Output => Log.Text;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; valid once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The program's standard input (open until the process is disposed).</summary>
    public StreamWriter StandardInput => _process.StandardInput;

    public static ChildProcess Start(string fileName, params IReadOnlyList<string> arguments) =>
        Start(new ChildProcessOptions(fileName, arguments));

    public static ChildProcess Start(ChildProcessOptions options)
    {
        var child = new ChildProcess(options);
        try
        {
            child._process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            child._process.Dispose();
            throw new InvalidOperationException($"could not start {child.Name}: {ex.Message}", ex);
        }

        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        lock (Running)
        {
            Running.Add(child);
        }

        return child;
    }

    /// <summary>SIGTERM to the program itself (not its group): the way an operator stops a daemon.</summary>
    public void Terminate() => Signal(LibC.SigTerm);

    /// <summary>SIGKILL to the whole group, then waits until it is gone: nothing gets to clean up.</summary>
    public void Kill() => Stop(TimeSpan.Zero);

    /// <summary>
    /// Stops the whole group: SIGTERM, up to <paramref name="grace"/> for the program to exit, then SIGKILL, and
    /// waits (bounded) until none of the group runs.
    /// </summary>
    public void Stop(TimeSpan grace)
    {
        if (!_process.HasExited && grace > TimeSpan.Zero)
        {
            ProcessGroup.Signal(_process.Id, LibC.SigTerm);
            _exited.Task.Wait(grace);
        }

        if (!_process.HasExited)
        {
            ProcessGroup.Signal(_process.Id, LibC.SigKill);
        }

        _exited.Task.Wait(TimeSpan.FromSeconds(10)); // completes once the group is gone (OnExited)
    }

    /// <summary>The program's name, id and state, and the tail of its output: for failure messages.</summary>
    public string Describe(int lines = 40)
    {
        var state = _process.HasExited
            ? "exited with code " + _process.ExitCode.ToString(CultureInfo.InvariantCulture)
            : "running";
        return $"{Name} (pid {_process.Id}, {state}); its output:\n{Log.Tail(lines)}";
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (Running)
        {
            Running.Remove(this);
        }

        try
        {
            Stop(_options.StopGrace);
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>A test host that ends (normally, or on SIGTERM) takes no child with it otherwise: each has its own group.</summary>
    private static void KillRunning()
    {
        ChildProcess[] left;
        lock (Running)
        {
            left = [.. Running];
        }

        foreach (var child in left.Where(c => !c._process.HasExited))
        {
            ProcessGroup.Signal(child._process.Id, LibC.SigKill);
        }
    }

    /// <summary>
    /// The program has exited: what it forked is killed at once, while the group's number cannot have been given
    /// to anyone else yet, and the exit counts once the group is gone (bounded).
    /// </summary>
    private void OnExited()
    {
        if (ProcessGroup.Signal(_process.Id, LibC.SigKill))
        {
            ProcessGroup.WaitUntilGone(_process.Id, TimeSpan.FromSeconds(5));
        }

        _exited.TrySetResult();
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            LibC.Signal(_process.Id, signal);
        }
    }

    private void Collect(string? line, TaskCompletionSource closed)
    {
        if (line is not null)
        {
            Log.Add(line);
            return;
        }

        closed.TrySetResult();
        if (_standardOutputClosed.Task.IsCompleted && _standardErrorClosed.Task.IsCompleted)
        {
            Log.Complete();
        }
    }
}
