using System.Collections.Concurrent;
using System.Diagnostics;

namespace CallSync.Interop.Tests.Legacy;

/// <summary>The real callsync-agent run as a child process, with its output collected line by line.</summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly List<string> _all = [];

    private AgentProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static AgentProcess Start(params string[] args) => StartDotnet("callsync-agent.dll", null, args);

    /// <summary>Any of the product's executables next to the tests (e.g. <c>callsync-hub.dll</c>), in <paramref name="workingDirectory"/>.</summary>
    public static AgentProcess StartDotnet(string dll, string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new AgentProcess(Process.Start(info)!);
    }

    public string Output
    {
        get
        {
            lock (_all)
            {
                return string.Join('\n', _all);
            }
        }
    }

    public StreamWriter Input => _process.StandardInput;

    /// <summary>Waits until a line contains <paramref name="text"/>; false when the time runs out or the agent exits.</summary>
    public bool WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)))
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (_process.HasExited && _lines.Count == 0)
            {
                return false;
            }
        }

        return false;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the agent gets no chance to flush or close anything.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("the agent did not exit in time; output:\n" + Output);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_all)
        {
            _all.Add(line);
        }

        _lines.Add(line);
    }
}
