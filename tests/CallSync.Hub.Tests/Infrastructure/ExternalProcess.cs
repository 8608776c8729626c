using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>A real peer process (mosquitto, postgres) owned by a fixture; killed with its tree on dispose.</summary>
public sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExternalProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public static ExternalProcess Start(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        var owned = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) => owned.Append(e.Data);
        process.ErrorDataReceived += (_, e) => owned.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return owned;
    }

    /// <summary>Runs a command to completion (bounded); throws with its output when it fails.</summary>
    public static string Run(string file, params string[] args)
    {
        using var process = Start(file, args);
        if (!process._process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException(file + " did not finish: " + process.Output);
        }

        process._process.WaitForExit();
        if (process._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process._process.ExitCode}): {process.Output}");
        }

        return process.Output;
    }

    /// <summary>Waits (bounded) until something accepts TCP connections on 127.0.0.1:port.</summary>
    public void WaitForPort(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("peer exited early: " + Output);
            }

            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50); // polling a port a real peer is opening; there is no event to wait on
            }
        }

        throw new TimeoutException($"peer did not listen on {port}: {Output}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
