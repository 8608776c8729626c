using CallSync.Contracts;

namespace CallSync.Records;

/// <summary>Turns a <see cref="FinishedCall"/> into the schema-version-1 <see cref="CallRecord"/> that is published.</summary>
public static class CallRecordBuilder
{
    /// <summary>
    /// Builds the record. Instants are truncated to milliseconds in UTC. Ring time runs from ringing (or start,
    /// when it never rang) to answer (or end, when unanswered); talk time from answer to end. Negative spans
    /// (clock steps) become 0. The recording's metadata and the flags (no recording, cut short, and
    /// <paramref name="extraFlags"/>) replace whatever <see cref="FinishedCall.Record"/> held there.
    /// </summary>
    public static CallRecord Build(FinishedCall call, IEnumerable<string>? extraFlags = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        CallRecord facts = call.Record;

        DateTimeOffset started = Timestamps.Truncate(facts.StartedAt);
        DateTimeOffset? ringing = facts.RingingAt is { } r ? Timestamps.Truncate(r) : null;
        DateTimeOffset? answered = facts.AnsweredAt is { } a ? Timestamps.Truncate(a) : null;
        DateTimeOffset ended = Timestamps.Truncate(facts.EndedAt);

        DateTimeOffset ringFrom = ringing ?? started;
        DateTimeOffset ringTo = answered ?? ended;
        double ringSeconds = Seconds(ringTo - ringFrom);
        double talkSeconds = answered is { } ans ? Seconds(ended - ans) : 0;

        var flags = new List<string>();
        if (extraFlags is not null)
        {
            flags.AddRange(extraFlags);
        }

        RecordingInfo? recording = null;
        if (call.Recording is { } rec)
        {
            recording = new RecordingInfo
            {
                Id = facts.RecordId,
                Channels = rec.Channels,
                Seconds = Seconds(rec.Duration),
                SampleRate = rec.SampleRate,
                Bytes = rec.Bytes,
                Sha256 = rec.Sha256.ToLowerInvariant(),
                CutShort = rec.CutShort,
            };
            if (rec.CutShort)
            {
                flags.Add(RecordFlags.RecordingCutShort);
            }
        }
        else
        {
            flags.Add(RecordFlags.NoRecording);
        }

        if (call.DiskFull)
        {
            flags.Add(RecordFlags.DiskFull);
        }

        return facts with
        {
            SchemaVersion = CallRecord.CurrentSchemaVersion,
            StartedAt = started,
            RingingAt = ringing,
            AnsweredAt = answered,
            EndedAt = ended,
            RingSeconds = ringSeconds,
            TalkSeconds = talkSeconds,
            Recording = recording,
            Flags = flags.Distinct(StringComparer.Ordinal).ToArray(),
        };
    }

    private static double Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : Math.Round(span.TotalSeconds, 3);
}
