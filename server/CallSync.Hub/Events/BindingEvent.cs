namespace CallSync.Hub.Events;

/// <summary>A binding event (<c>event: binding</c>): action <c>request</c>, <c>device-request</c>, <c>attestation</c>, <c>approve</c> or <c>unbind</c>, and how it ended.</summary>
internal sealed record BindingEvent(string UserId, string DeviceId, string Action, string Outcome);
