namespace CallSync.Recording;

/// <summary>A finished (or recovered) recording, for the call record.</summary>
public sealed record RecordingResult
{
    /// <summary>Record id.</summary>
    public required string RecordId { get; init; }

    /// <summary>Full path of the .opus file.</summary>
    public required string Path { get; init; }

    /// <summary>Audio duration.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// The rate the call was recorded at: 16000 for wideband calls (G.722, Opus), 8000 for G.711 (also declared as
    /// the input rate in the file's OpusHead, which opusinfo shows as "Original sample rate"). 0 when unknown.
    /// </summary>
    public int SampleRate { get; init; }

    /// <summary>File size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>SHA-256 of the final file, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>True when the recording did not end normally (aborted, crashed, encoder failure).</summary>
    public bool CutShort { get; init; }

    /// <summary>Frames dropped because the encoder thread fell behind (0 in normal operation).</summary>
    public long FramesDropped { get; init; }
}
