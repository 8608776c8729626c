using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>Where the companion link listens: <c>rfcomm:CHANNEL</c> (Bluetooth) or <c>tcp:ADDRESS:PORT</c> (simulation, tests).</summary>
internal sealed record CompanionListenEndPoint
{
    /// <summary>The TCP endpoint, or null for RFCOMM.</summary>
    public IPEndPoint? Tcp { get; private init; }

    /// <summary>The RFCOMM server channel (1-30), or 0 for TCP.</summary>
    public byte RfcommChannel { get; private init; }

    /// <summary>Parses <c>rfcomm:CHANNEL</c> or <c>tcp:ADDRESS:PORT</c> (IPv6 in brackets); never throws.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CompanionListenEndPoint? endPoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        endPoint = null;
        if (text.StartsWith("rfcomm:", StringComparison.OrdinalIgnoreCase))
        {
            // RFCOMM server channels are 1-30 (Bluetooth Core, RFCOMM).
            if (byte.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var channel) && channel is >= 1 and <= 30)
            {
                endPoint = new CompanionListenEndPoint { RfcommChannel = channel };
            }
        }
        else if (text.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) && ConfigValues.TryParseEndPoint(text[4..], out var tcp))
        {
            endPoint = new CompanionListenEndPoint { Tcp = tcp };
        }

        return endPoint is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Tcp is null
        ? $"rfcomm:{RfcommChannel.ToString(CultureInfo.InvariantCulture)}"
        : $"tcp:{Tcp}";
}
