using CallSync.Agent.Configuration;
using CallSync.Hal;

namespace CallSync.Agent.Companion;

/// <summary>
/// Opens one Companion:Listen entry (the composition root registers <see cref="CompanionTransports.Sockets"/>).
/// Throws <see cref="CallSync.Hal.Linux.Bluetooth.BluetoothUnavailableException"/> or <see cref="IOException"/> for a
/// Bluetooth entry the board cannot open, a <see cref="System.Net.Sockets.SocketException"/> for a TCP entry.
/// </summary>
internal delegate ICompanionTransport OpenCompanionTransport(CompanionListenEndPoint entry);
