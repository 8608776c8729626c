using CallSync.Contracts;

namespace CallSync.Hub.Records;

/// <summary>The wire names of the indexed record fields (as in docs/call-record.md), used as stored values and filters.</summary>
internal static class RecordFields
{
    public static string Direction(CallDirection direction) => direction == CallDirection.Incoming ? "incoming" : "outgoing";

    public static bool IsDirection(string value) => value is "incoming" or "outgoing";

    public static string Result(CallResult result) => result switch
    {
        CallResult.Answered => "answered",
        CallResult.Busy => "busy",
        CallResult.NoAnswer => "no-answer",
        CallResult.Rejected => "rejected",
        CallResult.Cancelled => "cancelled",
        _ => "failed",
    };

    public static bool IsResult(string value) => value is "answered" or "busy" or "no-answer" or "rejected" or "cancelled" or "failed";

    /// <summary>The record's <c>security</c> as stored and returned: none, tls, srtp, tls+srtp.</summary>
    public static string Security(CallSecurity security) => security switch
    {
        CallSecurity.Tls => "tls",
        CallSecurity.Srtp => "srtp",
        CallSecurity.TlsAndSrtp => "tls+srtp",
        _ => "none",
    };

    /// <summary>The normalised number when there is one, else the raw text (stored verbatim).</summary>
    public static string Number(PartyNumber? number) => number is null ? string.Empty : number.Normalized ?? number.Raw;
}
