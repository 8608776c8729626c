using System.Globalization;
using CallSync.Companion.Client;
using CallSync.Companion.Transport;
using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Companion.Cli;

/// <summary>
/// Where the phone's companion endpoint is: <c>tcp:HOST:PORT</c> (the simulated board), <c>ble:ADDRESS:PSM</c> (the
/// phone's LE L2CAP channel, as an iPhone or Android app opens it) or <c>rfcomm:ADDRESS:CHANNEL</c> (Bluetooth Classic).
/// </summary>
internal sealed record ConnectTarget
{
    /// <summary>What --connect accepts, for usage messages.</summary>
    public const string Accepts = "tcp:HOST:PORT, ble:AA:BB:CC:DD:EE:FF:PSM or rfcomm:AA:BB:CC:DD:EE:FF:CHANNEL";

    private ConnectTarget(ConnectKind kind, string host, int port, BluetoothAddress address)
    {
        Kind = kind;
        Host = host;
        Port = port;
        Address = address;
    }

    public ConnectKind Kind { get; }

    /// <summary>TCP: the host name or address.</summary>
    public string Host { get; }

    /// <summary>The TCP port, LE PSM or RFCOMM channel.</summary>
    public int Port { get; }

    /// <summary>Bluetooth: the phone's adapter address.</summary>
    public BluetoothAddress Address { get; }

    public static bool TryParse(string? text, out ConnectTarget? target)
    {
        target = null;
        int colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        int last = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || last <= colon)
        {
            return false;
        }

        string scheme = text![..colon], where = text[(colon + 1)..last], number = text[(last + 1)..];
        switch (scheme)
        {
            case "tcp" when Number(number, 1, 65535, out int port) && where.Trim('[', ']').Length > 0:
                target = new ConnectTarget(ConnectKind.Tcp, where.Trim('[', ']'), port, default);
                return true;
            case "ble" when Number(number, L2capEndPoint.FirstDynamicLePsm, L2capEndPoint.LastDynamicLePsm, out int psm)
                && BluetoothAddress.TryParse(where, out var le):
                target = new ConnectTarget(ConnectKind.Le, string.Empty, psm, le);
                return true;
            case "rfcomm" when Number(number, 1, 30, out int channel) && BluetoothAddress.TryParse(where, out var classic):
                target = new ConnectTarget(ConnectKind.Rfcomm, string.Empty, channel, classic);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Opens the link and says hello; Bluetooth links demand an encrypted link (the phone's own demand).</summary>
    /// <exception cref="BluetoothUnavailableException">A Bluetooth target on a machine without Bluetooth.</exception>
    /// <exception cref="IOException">The phone cannot be reached.</exception>
    public async Task<CompanionClient> ConnectAsync(CancellationToken cancellationToken)
    {
        Stream stream = Kind switch
        {
            ConnectKind.Le => await L2capCompanionTransport.ConnectAsync(
                new L2capEndPoint(Address, BluetoothAddressType.LePublic, (ushort)Port), BluetoothSecurity.Medium, cancellationToken).ConfigureAwait(false),
            ConnectKind.Rfcomm => await RfcommCompanionTransport.ConnectAsync(
                new RfcommEndPoint(Address, (byte)Port), BluetoothSecurity.Medium, cancellationToken).ConfigureAwait(false),
            _ => await TcpCompanionTransport.ConnectAsync(Host, Port, cancellationToken).ConfigureAwait(false),
        };
        return await CompanionClient.ConnectAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public override string ToString() => Kind switch
    {
        ConnectKind.Le => string.Create(CultureInfo.InvariantCulture, $"ble:{Address}:0x{Port:X2}"),
        ConnectKind.Rfcomm => string.Create(CultureInfo.InvariantCulture, $"rfcomm:{Address}:{Port}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"tcp:{(Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)}:{Port}"),
    };

    /// <summary>Decimal, or hex with 0x (PSMs are written in hex).</summary>
    private static bool Number(string text, int min, int max, out int value) =>
        (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        && value >= min && value <= max;
}
