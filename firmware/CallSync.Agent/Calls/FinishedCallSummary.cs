using CallSync.Contracts;

namespace CallSync.Agent.Calls;

/// <summary>The end of a call as the dialers report it: the record id and the result.</summary>
internal sealed record FinishedCallSummary(Guid RecordId, CallResult Result, int SipStatus, string SipReason);
