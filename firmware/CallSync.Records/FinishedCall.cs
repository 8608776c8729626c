using CallSync.Contracts;

namespace CallSync.Records;

/// <summary>
/// An ended call as the agent knows it, handed to <see cref="CallSplitter.Split"/>: the record's facts and the
/// finalised recording file. Instants are from the agent's TimeProvider.
/// </summary>
public sealed record FinishedCall
{
    /// <summary>
    /// What SIP, media and the call manager observed (ids, device, numbers, instants, outcome, codec, quality, origin,
    /// DTMF). <see cref="CallRecordBuilder.Build"/> truncates the instants and sets what is derived: ring and talk
    /// time, <see cref="CallRecord.Recording"/> and <see cref="CallRecord.Flags"/>.
    /// </summary>
    public required CallRecord Record { get; init; }

    /// <summary>The finalised recording, or null when there is none.</summary>
    public FinishedRecording? Recording { get; init; }

    /// <summary>The data disk was full during the call or since the previous record (the record's <c>diskFull</c> flag).</summary>
    public bool DiskFull { get; init; }
}
