namespace CallSync.Testing.Peers.Sipp;

/// <summary>One sipp run (Debian sip-tester 3.6.1): a built-in scenario or a scenario file, with its ports.</summary>
public sealed record SippOptions
{
    /// <summary>Where sipp runs and writes its trace files.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>A built-in scenario (<c>-sn</c>): "uac" or "uas"; null when <see cref="ScenarioFile"/> is given.</summary>
    public string? Scenario { get; init; }

    /// <summary>A scenario file (<c>-sf</c>), relative to the working directory or absolute.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>Where a uac sends its INVITEs ("127.0.0.1:5060"); null for a uas.</summary>
    public string? Target { get; init; }

    /// <summary>The address sipp binds (<c>-i</c>).</summary>
    public string LocalAddress { get; init; } = "127.0.0.1";

    /// <summary>The SIP port (<c>-p</c>); a free UDP port when null.</summary>
    public int? Port { get; init; }

    /// <summary>The media address (<c>-mi</c>), e.g. "::1" for an IPv6 media path; sipp's default when null.</summary>
    public string? MediaAddress { get; init; }

    /// <summary>The media port (<c>-mp</c>); the base of four free UDP ports when null.</summary>
    public int? MediaPort { get; init; }

    /// <summary>Calls to make or take before exiting (<c>-m</c>).</summary>
    public int Calls { get; init; } = 1;

    /// <summary>Writes the statistics file that <see cref="SippProcess.ReadStatistics"/> reads (<c>-trace_stat -fd 1</c>).</summary>
    public bool TraceStatistics { get; init; }

    /// <summary>Writes every SIP message to a file that <see cref="SippProcess.ReadMessages"/> reads (<c>-trace_msg</c>).</summary>
    public bool TraceMessages { get; init; }

    /// <summary>
    /// Runs sipp with a real-time priority (SCHED_FIFO 10, through chrt; needs root): a sipp starved of CPU replays a
    /// pcap late and then in a burst, which a test measuring the agent under load must not blame on the agent.
    /// </summary>
    public bool RealTime { get; init; }

    /// <summary>Further switches, as sipp takes them ("-d", "2000", "-rtp_echo"...).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}
