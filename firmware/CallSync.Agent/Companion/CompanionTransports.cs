using CallSync.Agent.Configuration;
using CallSync.Companion.Server;
using CallSync.Companion.Transport;
using CallSync.Hal;
using CallSync.Hal.Linux.Bluetooth;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Companion;

/// <summary>
/// Opens the Companion:Listen entries. A TCP entry that cannot listen stops the agent (a port in use is a
/// configuration mistake); a Bluetooth entry that cannot (no Bluetooth in the kernel, no adapter, a channel taken)
/// is logged in one line and skipped, so the other transports still serve.
/// </summary>
internal static class CompanionTransports
{
    /// <summary>
    /// Opens every entry it can with <paramref name="listen"/>; the result may be empty when every entry was Bluetooth
    /// and none opened.
    /// </summary>
    /// <exception cref="StartupError">A TCP entry cannot listen.</exception>
    public static IReadOnlyList<CompanionListener> Open(IReadOnlyList<CompanionListenEndPoint> entries, OpenCompanionTransport listen, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(listen);
        var listeners = new List<CompanionListener>(entries.Count);
        try
        {
            foreach (var entry in entries)
            {
                try
                {
                    var chunkSize = entry.Kind == CompanionTransportKind.Le ? CompanionServerOptions.LeChunkSize : CompanionServerOptions.DefaultChunkSize;
                    listeners.Add(new CompanionListener(listen(entry), chunkSize));
                }
                catch (System.Net.Sockets.SocketException ex) when (entry.Kind == CompanionTransportKind.Tcp)
                {
                    throw new StartupError($"companion: cannot listen on {entry} ({ex.Message})");
                }
                catch (Exception ex) when (entry.Kind != CompanionTransportKind.Tcp && ex is BluetoothUnavailableException or IOException)
                {
                    CompanionLog.TransportSkipped(logger, entry.ToString(), ex.Message);
                }
            }
        }
        catch
        {
            foreach (var listener in listeners)
            {
                listener.Transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        if (listeners.Count == 0 && entries.Count > 0)
        {
            CompanionLog.NothingListening(logger, string.Join(", ", entries));
        }

        return listeners;
    }

    /// <summary>The board's own sockets: TCP, and Bluetooth as Companion:Bluetooth:* says.</summary>
    public static OpenCompanionTransport Sockets(CompanionBluetoothOptions bluetooth)
    {
        ArgumentNullException.ThrowIfNull(bluetooth);
        return entry => entry.Kind switch
        {
            CompanionTransportKind.Rfcomm => RfcommCompanionTransport.Listen(entry.RfcommChannel, bluetooth.Adapter, bluetooth.Security),
            CompanionTransportKind.Le => L2capCompanionTransport.Listen(
                new L2capListenOptions(entry.LePsm, bluetooth.Security, bluetooth.AddressType, bluetooth.Adapter, bluetooth.ReceiveMtu)),
            _ => TcpCompanionTransport.Listen(entry.Tcp!),
        };
    }
}
