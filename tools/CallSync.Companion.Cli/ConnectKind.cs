namespace CallSync.Companion.Cli;

/// <summary>The link a <see cref="ConnectTarget"/> opens.</summary>
internal enum ConnectKind
{
    /// <summary>TCP: the simulated board and the tests.</summary>
    Tcp,

    /// <summary>An LE L2CAP credit-based channel.</summary>
    Le,

    /// <summary>Bluetooth Classic RFCOMM.</summary>
    Rfcomm,
}
