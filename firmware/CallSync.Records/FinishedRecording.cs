namespace CallSync.Records;

/// <summary>The recorder's result for a finished call (filled by the composition root from the recording layer).</summary>
public sealed record FinishedRecording
{
    /// <summary>Finalised Ogg Opus file, normally &lt;DataDir&gt;/recordings/&lt;recordId&gt;.opus.</summary>
    public required string Path { get; init; }

    /// <summary>Channel count (2: left desk phone, right remote).</summary>
    public int Channels { get; init; } = 2;

    /// <summary>Audio duration.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The rate the audio was recorded at (8000 or 16000), or null when unknown.</summary>
    public int? SampleRate { get; init; }

    /// <summary>File size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>SHA-256 of the file, lowercase hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>True when recording stopped before the call ended.</summary>
    public bool CutShort { get; init; }
}
