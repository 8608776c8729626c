using CallSync.Contracts;

namespace CallSync.Records;

/// <summary>Turns a <see cref="FinishedCall"/> into a schema-version-1 <see cref="CallRecord"/>.</summary>
public static class CallRecordBuilder
{
    /// <summary>
    /// Builds the record. Instants are truncated to milliseconds in UTC. Ring time runs from ringing (or start,
    /// when it never rang) to answer (or end, when unanswered); talk time from answer to end. Negative spans
    /// (clock steps) become 0.
    /// </summary>
    public static CallRecord Build(FinishedCall call, DeviceIdentity device, IEnumerable<string>? extraFlags = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(device);

        DateTimeOffset started = Timestamps.Truncate(call.StartedAt);
        DateTimeOffset? ringing = call.RingingAt is { } r ? Timestamps.Truncate(r) : null;
        DateTimeOffset? answered = call.AnsweredAt is { } a ? Timestamps.Truncate(a) : null;
        DateTimeOffset ended = Timestamps.Truncate(call.EndedAt);

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
                Id = call.RecordId,
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

        return new CallRecord
        {
            RecordId = call.RecordId,
            CallId = call.CallId,
            DeviceId = device.DeviceId,
            DeviceNumber = device.DeviceNumber,
            Direction = call.Direction,
            LocalNumber = PartyNumber.From(call.LocalNumber),
            RemoteNumber = PartyNumber.From(call.RemoteNumber),
            StartedAt = started,
            RingingAt = ringing,
            AnsweredAt = answered,
            EndedAt = ended,
            RingSeconds = ringSeconds,
            TalkSeconds = talkSeconds,
            Result = call.Result,
            SipStatus = call.SipStatus,
            SipReason = call.SipReason,
            EndedBy = call.EndedBy,
            Codec = call.Codec,
            Quality = call.Quality,
            Origin = call.Origin,
            Recording = recording,
            Dtmf = call.Dtmf,
            Flags = flags.Distinct(StringComparer.Ordinal).ToArray(),
        };
    }

    private static double Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : Math.Round(span.TotalSeconds, 3);
}
