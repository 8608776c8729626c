namespace CallSync.Hub.Storage;

/// <summary>
/// Progress of a remote dial: <c>sent</c> -> <c>accepted</c> -> one final state
/// (<c>succeeded</c>, <c>failed</c>, <c>rejected</c>, <c>timed-out</c>). Final states never change.
/// </summary>
internal static class DialStates
{
    public const string Sent = "sent";
    public const string Accepted = "accepted";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Rejected = "rejected";
    public const string TimedOut = "timed-out";

    public static bool IsFinal(string status) => status is Succeeded or Failed or Rejected or TimedOut;
}
