namespace CallSync.Mqtt;

/// <summary>A parsed <see cref="MqttLinkOptions.Url"/>.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="UseTls">True for mqtts.</param>
public sealed record BrokerAddress(string Host, int Port, bool UseTls)
{
    /// <summary>Parses <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>; never throws.</summary>
    public static bool TryParse(string? url, out BrokerAddress address)
    {
        address = new BrokerAddress(string.Empty, 0, false);
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        bool tls;
        if (string.Equals(uri.Scheme, "mqtt", StringComparison.OrdinalIgnoreCase))
        {
            tls = false;
        }
        else if (string.Equals(uri.Scheme, "mqtts", StringComparison.OrdinalIgnoreCase))
        {
            tls = true;
        }
        else
        {
            return false;
        }

        if (uri.AbsolutePath is not ("/" or "") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        int port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port;
        address = new BrokerAddress(uri.IdnHost, port, tls);
        return true;
    }
}
