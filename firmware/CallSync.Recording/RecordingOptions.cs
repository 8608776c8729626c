namespace CallSync.Recording;

/// <summary>Recorder configuration (section <c>Recording</c> of the agent configuration).</summary>
public sealed class RecordingOptions
{
    /// <summary>Directory for recordings: <c>&lt;DataDir&gt;/recordings</c>. Required.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>
    /// Opus bit rate for the stereo stream, bit/s. Default 32000: at 24000 the coupled stereo coder lets
    /// the two parties bleed into each other (measured 22-23 dB separation); 32000 keeps them 40 dB apart.
    /// </summary>
    public int Bitrate { get; set; } = 32000;

    /// <summary>Opus complexity 0-10. Default 5 (opusenc uses 10): less CPU on the board; 40-50 dB channel separation measured at 32 kbit/s.</summary>
    public int Complexity { get; set; } = 5;

    /// <summary>
    /// Longest time audio may sit in the Ogg muxer before a page is written (OPE_SET_MUXING_DELAY).
    /// Default 500 ms, so a crash loses at most about that much.
    /// </summary>
    public TimeSpan MaxPageDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Frames queued between the device thread and the encoder thread. Default 250 (5 s).</summary>
    public int QueueFrames { get; set; } = 250;

    /// <summary>
    /// Asked before each page is written; true ends the recording there, as a failed write would: the file keeps its
    /// whole pages and the result says <see cref="RecordingResult.CutShort"/>. The agent stops recordings so when its
    /// disk falls below the free-space floor, keeping the space left for the call records.
    /// </summary>
    public Func<bool>? StopWhen { get; set; }
}
