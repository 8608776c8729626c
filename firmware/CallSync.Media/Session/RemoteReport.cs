namespace CallSync.Media.Session;

/// <summary>What the peer last reported about our outgoing stream.</summary>
internal readonly record struct RemoteReport(bool Valid, byte FractionLost, long CumulativeLost);
