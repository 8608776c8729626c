namespace CallSync.Agent.Configuration;

/// <summary>The link a <see cref="CompanionListenEndPoint"/> listens on.</summary>
internal enum CompanionTransportKind
{
    /// <summary>TCP: simulation on a PC, tests.</summary>
    Tcp,

    /// <summary>Bluetooth Classic RFCOMM (Android phones).</summary>
    Rfcomm,

    /// <summary>An LE L2CAP credit-based channel (iPhones, Android 10 and later).</summary>
    Le,
}
