using CallSync.Web.Api;

namespace CallSync.Web.Services;

/// <summary>
/// The progress of the dial the user started: sent -> accepted -> a final state. Updates arrive from the live
/// stream and from polling in any order; a later state never goes back, and updates for other dials are ignored.
/// </summary>
public sealed class DialTracker
{
    private static readonly string[] Order = ["sent", "accepted"];

    public DialProgress? Current { get; private set; }

    public bool IsActive => Current is { Status: "sent" or "accepted" };

    /// <summary>The three steps shown: sent, accepted, and the final state (succeeded until one is known).</summary>
    public IReadOnlyList<(string Label, string Css, bool Current)> Steps
    {
        get
        {
            if (Current is null)
            {
                return [];
            }

            var status = Current.Status;
            var final = Rank(status) == 2;
            var reachedAccepted = status is "accepted" or "succeeded";
            return
            [
                ("sent", "done", status == "sent"),
                ("accepted", reachedAccepted ? "done" : string.Empty, status == "accepted"),
                (final ? status : "succeeded", final ? (status == "succeeded" ? "done" : "failed") : string.Empty, final),
            ];
        }
    }

    public void Start(DialProgress dial) => Current = dial;

    /// <summary>Applies an update; true when it changed what is shown.</summary>
    public bool Update(DialProgress dial)
    {
        ArgumentNullException.ThrowIfNull(dial);
        if (Current is null || dial.RequestId != Current.RequestId || Rank(dial.Status) < Rank(Current.Status) || dial == Current)
        {
            return false;
        }

        if (Rank(Current.Status) == 2)
        {
            return false; // final states never change
        }

        Current = dial;
        return true;
    }

    /// <summary>A failure reason (Contracts RejectReasons / FailReasons) in words.</summary>
    public static string Explain(DialProgress dial)
    {
        ArgumentNullException.ThrowIfNull(dial);
        var reason = dial.Reason ?? string.Empty;
        var words = reason switch
        {
            "busy" => "the desk phone is in another call",
            "hub-offline" => "the hub is not connected to the phones",
            "expired" or "not-yet-valid" => "the command did not arrive in time (check the phone's clock)",
            "bad-number" => "it cannot dial this number",
            "bad-signature" => "the command's signature did not verify (the phone's provisioning key differs)",
            "dial-failed" => "the call could not be placed",
            "interrupted" => "the call was interrupted",
            _ => reason,
        };
        return dial.Status switch
        {
            "rejected" => "The desk phone refused: " + words,
            "timed-out" => "No answer from the desk phone: " + words,
            _ => "The call failed: " + words,
        };
    }

    private static int Rank(string status) => Array.IndexOf(Order, status) is var i and >= 0 ? i : 2;
}
