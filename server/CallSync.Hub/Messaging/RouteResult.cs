namespace CallSync.Hub.Messaging;

/// <summary>What <see cref="DeviceMessageRouter.RouteAsync"/> did with a device's message; the broker path turns it into an acknowledgement.</summary>
internal enum RouteResult
{
    /// <summary>Handled (or dropped as malformed, which a redelivery would not change): acknowledge now.</summary>
    Done,

    /// <summary>Queued; the commit callback acknowledges it.</summary>
    Pending,

    /// <summary>Refused: the sender is not who the topic says, or not a registered phone. Counted.</summary>
    Refused,
}
