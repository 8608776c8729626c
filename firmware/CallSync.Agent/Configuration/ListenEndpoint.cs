using System.Globalization;
using System.Net;

namespace CallSync.Agent.Configuration;

/// <summary>
/// "udp:127.0.0.1:5060", "tcp:[::1]:5060", "tcp:127.0.0.1:7301" or "rfcomm:3": a transport and where it listens.
/// </summary>
public sealed record ListenEndpoint(string Transport, IPAddress? Address, int Port)
{
    /// <summary>Parses one endpoint for the given transports; never throws.</summary>
    public static bool TryParse(string text, IReadOnlyCollection<string> transports, out ListenEndpoint? endpoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(transports);
        endpoint = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var transport = text[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..];
        if (!transports.Contains(transport))
        {
            return false;
        }

        if (transport == "rfcomm")
        {
            // RFCOMM channels are 1-30 (Bluetooth Core, RFCOMM server channel numbers).
            if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var channel) && channel is >= 1 and <= 30)
            {
                endpoint = new ListenEndpoint(transport, null, channel);
                return true;
            }

            return false;
        }

        if (!IPEndPoint.TryParse(rest, out var ip) || ip.Port == 0 && !rest.EndsWith(":0", StringComparison.Ordinal))
        {
            return false;
        }

        endpoint = new ListenEndpoint(transport, ip.Address, ip.Port);
        return true;
    }

    /// <summary>The IP endpoint (not for RFCOMM).</summary>
    public IPEndPoint ToIPEndPoint() =>
        Address is null ? throw new InvalidOperationException($"{Transport} has no IP address") : new IPEndPoint(Address, Port);

    /// <inheritdoc />
    public override string ToString() => Address is null
        ? $"{Transport}:{Port}"
        : $"{Transport}:{new IPEndPoint(Address, Port)}";
}
