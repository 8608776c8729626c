using CallSync.Contracts;

namespace CallSync.Records;

/// <summary>Result of a split: the outcome and the record that was (or would have been) queued.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Record">The built record.</param>
public sealed record SplitResult(SplitOutcome Outcome, CallRecord Record);
