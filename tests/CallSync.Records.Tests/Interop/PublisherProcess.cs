using System.Collections.Concurrent;
using System.Diagnostics;

namespace CallSync.Records.Tests.Interop;

/// <summary>The publisher helper (tests/CallSync.Records.Tests.Publisher) as a child process that can be SIGKILLed.</summary>
public sealed class PublisherProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private PublisherProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
                _lineArrived.Release();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public string Errors => string.Join('\n', _errors);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static string DllPath
    {
        get
        {
            // .../tests/CallSync.Records.Tests/bin/<Config>/net10.0/ -> .../tests/CallSync.Records.Tests.Publisher/bin/<Config>/net10.0/
            var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            string framework = testDir.Name;
            string configuration = testDir.Parent!.Name;
            string testsRoot = testDir.Parent.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(testsRoot, "CallSync.Records.Tests.Publisher", "bin", configuration, framework, "CallSync.Records.Tests.Publisher.dll");
        }
    }

    public static PublisherProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new PublisherProcess(Process.Start(info) ?? throw new InvalidOperationException("publisher did not start"));
    }

    /// <summary>Waits until a stdout line satisfies <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            string? match = _lines.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            try
            {
                await _lineArrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("publisher line not seen; stderr:\n" + Errors);
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("publisher did not exit; stderr:\n" + Errors);
        }

        return _process.ExitCode;
    }

    /// <summary>SIGTERM: the helper stops its link cleanly (publishes "offline").</summary>
    public void Terminate()
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", "-TERM " + _process.Id) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no cleanup, no clean MQTT disconnect.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }
}
