using System.Net.Sockets;

namespace CallSync.Sdp;

/// <summary>What offers, answers and read answers share: connections, payload types, the negotiated result.</summary>
public static partial class SdpOfferAnswer
{
    private static SdpNegotiatedMedia Negotiate(
        SdpMediaDescription remote,
        SdpConnection connection,
        int payloadType,
        SdpRtpMap map,
        int? telephoneEvent,
        (int PayloadType, int ClockRate)? comfortNoise,
        SdpDirection direction)
    {
        var fmtp = remote.GetFmtp(payloadType);
        var opus = IsOpus(map) ? SdpOpusParameters.FromFmtp(fmtp) : null;
        return new SdpNegotiatedMedia
        {
            RemoteAddress = connection.Address,
            RemoteAddressFamily = connection.Family,
            RemotePort = remote.Port,
            RemoteRtcpPort = RtcpPort(remote),
            PayloadType = payloadType,
            CodecName = map.EncodingName,
            ClockRate = map.ClockRate,
            Channels = map.Channels,
            Fmtp = fmtp,
            Opus = opus,
            TelephoneEventPayloadType = telephoneEvent,
            ComfortNoisePayloadType = comfortNoise?.PayloadType,
            ComfortNoiseClockRate = comfortNoise?.ClockRate,
            Direction = direction,
            RemotePtime = remote.Ptime ?? opus?.Ptime,
            RemoteMaxPtime = remote.MaxPtime ?? opus?.MaxPtime,
        };
    }

    // The peer's connection must be something RTP can be sent to: IN IP4 / IN IP6, numeric, unicast.
    private static bool TryUseConnection(SdpConnection? connection, out SdpRefusal? refusal)
    {
        refusal = connection switch
        {
            null => new SdpRefusal(SdpRefusal.Miscellaneous, "no connection address (c=) for the audio stream"),
            _ when !string.Equals(connection.NetworkType, "IN", StringComparison.OrdinalIgnoreCase) =>
                new SdpRefusal(SdpRefusal.IncompatibleNetworkProtocol, $"network type {connection.NetworkType} not supported"),
            _ when connection.Family == AddressFamily.Unspecified =>
                new SdpRefusal(SdpRefusal.IncompatibleNetworkAddressFormats, $"address type {connection.AddressType} not supported"),
            _ when !connection.TryGetIPAddress(out _) =>
                new SdpRefusal(SdpRefusal.IncompatibleNetworkAddressFormats, $"connection address {connection.Address} is not a numeric {connection.AddressType} address"),
            _ when connection.IsMulticast =>
                new SdpRefusal(SdpRefusal.MulticastNotAvailable, $"multicast address {connection.Address} not supported"),
            _ => null,
        };
        return refusal is null;
    }

    // This side's address of the family the peer offered (RFC 3264 section 6: the answer's c= is where we receive).
    private static bool TryLocalConnection(SdpLocalMedia local, SdpConnection offered, out SdpConnection? connection, out SdpRefusal? refusal)
    {
        connection = null;
        refusal = null;
        var primary = SdpConnection.ForAddress(local.Address);
        if (primary.Family == offered.Family)
        {
            connection = primary;
            return true;
        }

        if (offered.Family == AddressFamily.InterNetworkV6 && local.Ipv6Address is { } v6 && SdpConnection.ForAddress(v6) is { Family: AddressFamily.InterNetworkV6 } second)
        {
            connection = second;
            return true;
        }

        refusal = new SdpRefusal(
            SdpRefusal.IncompatibleNetworkAddressFormats,
            offered.Family == AddressFamily.InterNetworkV6 ? "IPv6 media not configured" : "IPv4 media not configured");
        return false;
    }

    private static bool IsAudio(SdpMediaDescription m) => string.Equals(m.Media, "audio", StringComparison.OrdinalIgnoreCase);

    private static bool IsTelephoneEvent(SdpRtpMap map) =>
        string.Equals(map.EncodingName, SdpCodec.TelephoneEventName, StringComparison.OrdinalIgnoreCase);

    private static bool IsComfortNoise(SdpRtpMap map) =>
        string.Equals(map.EncodingName, SdpCodec.ComfortNoiseName, StringComparison.OrdinalIgnoreCase);

    private static bool IsOpus(SdpRtpMap map) => string.Equals(map.EncodingName, SdpCodec.Opus.Name, StringComparison.OrdinalIgnoreCase);

    // Formats that ride along with a codec rather than being one.
    private static bool IsEvent(SdpRtpMap map) => IsTelephoneEvent(map) || IsComfortNoise(map);

    private static int? FindTelephoneEvent(SdpMediaDescription m, int clockRate) => Find(m, map => IsTelephoneEvent(map) && map.ClockRate == clockRate);

    /// <summary>
    /// CN at the codec's RTP clock rate (RFC 3389 section 5: 13 is CN/8000, others dynamic); none for Opus, which has
    /// its own DTX. For G.722, whose audio is 16 kHz on an 8 kHz RTP clock, CN/16000 is taken when CN/8000 is absent.
    /// </summary>
    private static (int PayloadType, int ClockRate)? FindComfortNoise(SdpMediaDescription m, SdpRtpMap codec)
    {
        if (IsOpus(codec))
        {
            return null;
        }

        if (Find(m, map => IsComfortNoise(map) && map.ClockRate == codec.ClockRate) is { } pt)
        {
            return (pt, codec.ClockRate);
        }

        return SdpCodec.G722.Matches(codec) && Find(m, map => IsComfortNoise(map) && map.ClockRate == 16000) is { } wide ? (wide, 16000) : null;
    }

    private static int? FindPayloadType(SdpMediaDescription m, SdpRtpMap wanted) => Find(m, map =>
        string.Equals(map.EncodingName, wanted.EncodingName, StringComparison.OrdinalIgnoreCase) && map.ClockRate == wanted.ClockRate);

    private static int? Find(SdpMediaDescription m, Func<SdpRtpMap, bool> match)
    {
        foreach (var pt in m.PayloadTypes)
        {
            if (m.GetRtpMap(pt) is { } map && match(map))
            {
                return pt;
            }
        }

        return null;
    }

    /// <summary>
    /// True unless the offered event list (RFC 4733 section 7.1.1: <c>0-15,32</c>, 0-15 when absent) leaves out every
    /// DTMF event; an unreadable list is given the benefit of the doubt.
    /// </summary>
    private static bool CoversDtmf(string? events)
    {
        if (string.IsNullOrWhiteSpace(events))
        {
            return true;
        }

        var text = events.AsSpan();
        foreach (var range in text.Split(','))
        {
            var item = text[range].Trim();
            var dash = item.IndexOf('-');
            var first = dash < 0 ? item : item[..dash];
            var last = dash < 0 ? item : item[(dash + 1)..];
            if (!SdpNumbers.TryParsePort(first.Trim(), out var low) || !SdpNumbers.TryParsePort(last.Trim(), out var high))
            {
                return true;
            }

            if (low <= 15 && high >= 0 && low <= high)
            {
                return true;
            }
        }

        return false;
    }

    // a=rtcp:<port> [IN IP4 addr] (RFC 3605); the port is what the media path needs.
    private static int? RtcpPort(SdpMediaDescription m)
    {
        var value = m.GetAttribute("rtcp");
        if (value is null)
        {
            return null;
        }

        var text = value.AsSpan().Trim();
        var space = text.IndexOf(' ');
        return SdpNumbers.TryParsePort(space < 0 ? text : text[..space], out var port) && port > 0 ? port : null;
    }

    // The preferred dynamic number when free, else the lowest free one of 96-127 (RFC 3551 section 3).
    private static int FreePayloadType(HashSet<int> used, int preferred)
    {
        if (preferred >= 0 && used.Add(preferred))
        {
            return preferred;
        }

        for (var pt = 96; pt <= 127; pt++)
        {
            if (used.Add(pt))
            {
                return pt;
            }
        }

        throw new InvalidOperationException("No free dynamic RTP payload type is left for this offer.");
    }

    private static void AddFormat(List<string> formats, List<SdpAttribute> attributes, int pt, SdpRtpMap map, string? fmtp)
    {
        formats.Add(SdpNumbers.Format(pt));
        attributes.Add(new SdpAttribute("rtpmap", (map with { PayloadType = pt }).ToAttributeValue()));
        if (fmtp is not null)
        {
            attributes.Add(new SdpAttribute("fmtp", SdpNumbers.Format(pt) + " " + fmtp));
        }
    }

    private static void AddCommon(List<SdpAttribute> attributes, SdpLocalMedia local, SdpDirection direction)
    {
        // ptime-value and maxptime-value are non-zero (RFC 8866 section 6.4, 6.5).
        if (local.Ptime > 0)
        {
            attributes.Add(new SdpAttribute("ptime", SdpNumbers.Format(local.Ptime)));
        }

        if (local.MaxPtime is > 0 and var max)
        {
            attributes.Add(new SdpAttribute("maxptime", SdpNumbers.Format(max)));
        }

        attributes.Add(new SdpAttribute(direction.ToAttributeName()));
    }

    private static SdpSessionDescription Session(SdpLocalMedia local, SdpConnection connection, params SdpMediaDescription[] media) => new()
    {
        Origin = new SdpOrigin(SdpOrigin.IsValidUserName(local.UserName) ? local.UserName : "-", local.SessionId, local.SessionVersion, connection),
        SessionName = SessionName,
        Connection = connection,
        Media = media,
    };
}
