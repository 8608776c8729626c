namespace CallSync.Web.Api;

/// <summary>Live: one of my bindings changed (admins: any).</summary>
public sealed record BindingEvent(string UserId, string DeviceId, string Action, string Outcome);
