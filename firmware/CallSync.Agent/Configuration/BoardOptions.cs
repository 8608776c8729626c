using CallSync.Hal.Linux;

namespace CallSync.Agent.Configuration;

/// <summary>The board and, for the simulated one, what its microphone plays and where its speaker writes.</summary>
/// <param name="Kind">simulated or linux.</param>
/// <param name="SampleRate">The handset's audio rate: 8000 or 16000.</param>
/// <param name="Microphone">Simulated only: "tone:HZ", "wav:PATH" or "silence".</param>
/// <param name="Speaker">Simulated only: a WAV file the speaker writes, or null for none.</param>
/// <param name="ControlInput">Simulated only: read board line commands (key 123, hook off) from standard input.</param>
/// <param name="AlsaDevice">Linux only: the ALSA PCM name for capture and playback unless Board:AlsaCapture / Board:AlsaPlayback say otherwise.</param>
/// <param name="Linux">Linux only: the board's wiring (PCMs, GPIO chip and lines, ringer cadence, display), already validated.</param>
public sealed record BoardOptions(
    BoardKind Kind,
    int SampleRate,
    string Microphone,
    string? Speaker,
    bool ControlInput,
    string AlsaDevice,
    LinuxBoardOptions Linux);
