using CallSync.Hal.Linux;

namespace CallSync.Agent.Configuration;

/// <summary>The board and, for the simulated one, what its microphone plays and where its speaker writes.</summary>
internal sealed record BoardOptions
{
    /// <summary>Board:Kind.</summary>
    public required BoardKind Kind { get; init; }

    /// <summary>Board:SampleRate, the handset's audio rate: 8000 or 16000.</summary>
    public required int SampleRate { get; init; }

    /// <summary>Board:Microphone, simulated only: "tone:HZ", "wav:PATH" or "silence".</summary>
    public required string Microphone { get; init; }

    /// <summary>Board:Speaker, simulated only: a WAV file the speaker writes, or null for none.</summary>
    public string? Speaker { get; init; }

    /// <summary>Board:ControlInput, simulated only: read board line commands (key 123, hook off) from standard input.</summary>
    public required bool ControlInput { get; init; }

    /// <summary>Board:AlsaDevice, linux only: the PCM for capture and playback unless Board:AlsaCapture / Board:AlsaPlayback say otherwise.</summary>
    public required string AlsaDevice { get; init; }

    /// <summary>Linux only: the board's wiring (PCMs, GPIO chip and lines, ringer cadence, display), already validated.</summary>
    public required LinuxBoardOptions Linux { get; init; }
}
