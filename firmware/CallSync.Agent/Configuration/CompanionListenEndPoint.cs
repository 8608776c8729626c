using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using CallSync.Configuration;
using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Agent.Configuration;

/// <summary>
/// One place the companion link listens: <c>tcp:ADDRESS:PORT</c> (simulation, tests), <c>rfcomm:CHANNEL</c>
/// (Bluetooth Classic) or <c>ble:PSM</c> (an LE L2CAP channel; <c>ble:auto</c> lets the kernel choose the PSM).
/// </summary>
internal sealed record CompanionListenEndPoint
{
    /// <summary>What the entry accepts, for configuration errors and the reference.</summary>
    public const string Accepts = "tcp:ADDRESS:PORT (IPv6 in brackets), rfcomm:CHANNEL (1-30) or ble:PSM (0x80-0xFF, or ble:auto)";

    /// <summary>The link.</summary>
    public CompanionTransportKind Kind { get; private init; }

    /// <summary>The TCP endpoint (port 0: a free port), or null for Bluetooth.</summary>
    public IPEndPoint? Tcp { get; private init; }

    /// <summary>The RFCOMM server channel (1-30), or 0.</summary>
    public byte RfcommChannel { get; private init; }

    /// <summary>The LE PSM (0x80-0xFF), or 0 for the kernel's choice (and for the other kinds).</summary>
    public ushort LePsm { get; private init; }

    /// <summary>Parses one entry; never throws.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CompanionListenEndPoint? endPoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        endPoint = null;
        if (text.StartsWith("rfcomm:", StringComparison.OrdinalIgnoreCase))
        {
            // RFCOMM server channels are 1-30 (Bluetooth Core, RFCOMM).
            if (byte.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var channel) && channel is >= 1 and <= 30)
            {
                endPoint = new CompanionListenEndPoint { Kind = CompanionTransportKind.Rfcomm, RfcommChannel = channel };
            }
        }
        else if (text.StartsWith("ble:", StringComparison.OrdinalIgnoreCase))
        {
            if (TryParsePsm(text.AsSpan(4), out var psm))
            {
                endPoint = new CompanionListenEndPoint { Kind = CompanionTransportKind.Le, LePsm = psm };
            }
        }
        else if (text.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) && ConfigValues.TryParseEndPoint(text[4..], out var tcp))
        {
            endPoint = new CompanionListenEndPoint { Kind = CompanionTransportKind.Tcp, Tcp = tcp };
        }

        return endPoint is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CompanionTransportKind.Rfcomm => string.Create(CultureInfo.InvariantCulture, $"rfcomm:{RfcommChannel}"),
        CompanionTransportKind.Le => LePsm == 0 ? "ble:auto" : string.Create(CultureInfo.InvariantCulture, $"ble:0x{LePsm:X2}"),
        _ => $"tcp:{Tcp}",
    };

    /// <summary><c>auto</c> (0), <c>0x80</c>-<c>0xFF</c> or 128-255.</summary>
    private static bool TryParsePsm(ReadOnlySpan<char> text, out ushort psm)
    {
        psm = 0;
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        bool parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ushort.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out psm)
            : ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out psm);
        return parsed && psm is >= L2capEndPoint.FirstDynamicLePsm and <= L2capEndPoint.LastDynamicLePsm;
    }
}
