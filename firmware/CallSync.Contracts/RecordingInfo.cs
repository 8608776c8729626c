namespace CallSync.Contracts;

/// <summary>The call's recording as stored on the phone and handed to the companion outbox.</summary>
public sealed record RecordingInfo
{
    /// <summary>The Ogg Opus content type of every recording.</summary>
    public const string OggOpusFormat = "audio/ogg; codecs=opus";

    /// <summary>Recording id; equal to the record id (the file is &lt;DataDir&gt;/recordings/&lt;id&gt;.opus).</summary>
    public required Guid Id { get; init; }

    /// <summary>Always <see cref="OggOpusFormat"/> in schema version 1.</summary>
    public string Format { get; init; } = OggOpusFormat;

    /// <summary>Channel count: 2 (left = desk phone, right = remote party).</summary>
    public int Channels { get; init; } = 2;

    /// <summary>Audio duration in seconds (millisecond precision).</summary>
    public double Seconds { get; init; }

    /// <summary>The rate the call's audio was recorded at: 8000 (G.711) or 16000 (G.722, Opus); absent when unknown.</summary>
    public int? SampleRate { get; init; }

    /// <summary>File size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>SHA-256 of the whole file, lowercase hex (64 characters).</summary>
    public required string Sha256 { get; init; }

    /// <summary>True when the recording ended before the call did (disk full, encoder error).</summary>
    public bool CutShort { get; init; }

    /// <summary>True when the file was evicted by the disk quota before the companion confirmed it; absent otherwise.</summary>
    public bool? Evicted { get; init; }
}
