namespace CallSync.Hub.Events;

/// <summary>
/// One entry of the event log: <see cref="Data"/> is the JSON sent as the SSE <c>data:</c> line. Events naming a
/// <see cref="UserId"/> are that user's; the others are for everyone who may read <see cref="DeviceId"/>.
/// </summary>
internal sealed record HubEvent(long Id, DateTimeOffset At, string Kind, string? DeviceId, string? UserId, string Data);
