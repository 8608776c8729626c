namespace CallSync.Hub.Events;

/// <summary>The <c>event:</c> names of <c>GET /api/v1/events</c> (docs/hub-api.md, "Live updates").</summary>
internal static class EventKinds
{
    /// <summary>A call record was stored; for users bound to its phone, and admins.</summary>
    public const string Record = "record";

    /// <summary>A dial moved on; for the user who asked for it only.</summary>
    public const string Dial = "dial";

    /// <summary>A binding was requested, approved, refused or removed; for that user, and admins.</summary>
    public const string Binding = "binding";

    /// <summary>A phone went online or offline; for users bound to it, and admins.</summary>
    public const string Device = "device";

    /// <summary>A recording upload completed; for users bound to the phone, and admins.</summary>
    public const string Recording = "recording";
}
