using System.Globalization;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;

namespace CallSync.Testing.Peers.Sipp;

/// <summary>sipp as a peer: started with <see cref="SippOptions"/>, never reading its standard input, stopped on dispose.</summary>
public sealed class SippProcess : IDisposable
{
    private readonly SippOptions _options;

    private SippProcess(SippOptions options, int port, int mediaPort, ChildProcess process)
    {
        _options = options;
        Port = port;
        MediaPort = mediaPort;
        Process = process;
    }

    /// <summary>The SIP port sipp listens on.</summary>
    public int Port { get; }

    /// <summary>The base of sipp's media ports.</summary>
    public int MediaPort { get; }

    public ChildProcess Process { get; }

    public string Output => Process.Output;

    public string StatisticsFile => Path.Combine(_options.WorkingDirectory, "sipp-stat.csv");

    public string MessagesFile => Path.Combine(_options.WorkingDirectory, "sipp-messages.log");

    public static SippProcess Start(SippOptions options)
    {
        Tool.Require("sipp", "sip-tester");
        if ((options.Scenario is null) == (options.ScenarioFile is null))
        {
            throw new ArgumentException("give either a built-in scenario or a scenario file", nameof(options));
        }

        var port = options.Port ?? FreePort.Udp();
        var mediaPort = options.MediaPort ?? FreePort.UdpRange(4);
        List<string> arguments = options.Scenario is not null ? ["-sn", options.Scenario] : ["-sf", options.ScenarioFile!];
        if (options.Target is not null)
        {
            arguments.Add(options.Target);
        }

        arguments.AddRange(["-i", options.LocalAddress, "-p", Text(port), "-mp", Text(mediaPort), "-m", Text(options.Calls), "-nostdin"]);
        if (options.MediaAddress is not null)
        {
            arguments.AddRange(["-mi", options.MediaAddress]);
        }

        if (options.TraceStatistics)
        {
            arguments.AddRange(["-trace_stat", "-stf", "sipp-stat.csv", "-fd", "1"]);
        }

        if (options.TraceMessages)
        {
            arguments.AddRange(["-trace_msg", "-message_file", "sipp-messages.log"]);
        }

        arguments.AddRange(["-trace_err", "-error_file", "sipp-errors.log"]);
        arguments.AddRange(options.Arguments);
        var command = new ChildProcessOptions("sipp", arguments) { WorkingDirectory = options.WorkingDirectory };
        var process = ChildProcess.Start(options.RealTime ? command.AtRealTimePriority() : command);
        return new SippProcess(options, port, mediaPort, process);
    }

    /// <summary>Waits for sipp to finish its calls; its exit code (0: every call succeeded).</summary>
    public int WaitForExit(TimeSpan timeout) => Process.WaitForExit(timeout);

    /// <inheritdoc cref="WaitForExit"/>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => Process.WaitForExitAsync(timeout);

    /// <summary>The cumulative counters of the run (needs <see cref="SippOptions.TraceStatistics"/>).</summary>
    public SippStatistics ReadStatistics() => SippStatistics.ReadLast(StatisticsFile);

    /// <summary>Every SIP message sipp sent and received (needs <see cref="SippOptions.TraceMessages"/>).</summary>
    public string ReadMessages() => File.Exists(MessagesFile) ? File.ReadAllText(MessagesFile) : string.Empty;

    /// <summary>What sipp logged as unexpected (an unexpected message, a timeout...), empty when nothing.</summary>
    public string ReadErrors()
    {
        var path = Path.Combine(_options.WorkingDirectory, "sipp-errors.log");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    /// <summary>sipp's state, output and error log, for failure messages.</summary>
    public string Describe() => Process.Describe() + "\n--- sipp errors ---\n" + ReadErrors();

    public void Dispose() => Process.Dispose();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
