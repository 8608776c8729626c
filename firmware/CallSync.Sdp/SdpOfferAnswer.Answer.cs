namespace CallSync.Sdp;

/// <summary>Answering an offer and reading an answer.</summary>
public static partial class SdpOfferAnswer
{
    private const string RtpAvp = "RTP/AVP";

    /// <summary>
    /// Reads the answer to an offer this side made: the first audio stream the peer accepted (non-zero port) whose
    /// codec was in the offer, on a numeric address of the family this side offered, keyed by an <c>a=crypto</c> line
    /// echoing one we offered when it has one (required when we offered RTP/SAVP). False with a reason otherwise.
    /// </summary>
    public static bool TryReadAnswer(SdpSessionDescription offer, SdpSessionDescription answer, out SdpNegotiatedMedia? media, out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        media = null;
        error = "answer accepts no offered audio codec";
        for (var i = 0; i < answer.Media.Count && i < offer.Media.Count; i++)
        {
            var a = answer.Media[i];
            var o = offer.Media[i];
            if (a.Port == 0 || !a.IsRtp || !IsAudio(a))
            {
                continue;
            }

            if (!TryUseConnection(answer.ConnectionOf(a), out var refusal))
            {
                error = "answer: " + refusal!.Text;
                return false;
            }

            var connection = answer.ConnectionOf(a)!;
            var ours = offer.ConnectionOf(o);
            if (ours is not null && ours.Family != connection.Family)
            {
                error = $"answer: connection {connection.AddressType} does not match the offered {ours.AddressType}";
                return false;
            }

            if (!TryReadAnswerCrypto(o, a, out var ourCrypto, out var theirCrypto, out var cryptoError))
            {
                error = cryptoError;
                return false;
            }

            foreach (var pt in a.PayloadTypes)
            {
                // The answerer must use a codec from the offer (RFC 3264 section 6.1); match by name and rate.
                if (a.GetRtpMap(pt) is not { } map || IsEvent(map) || FindPayloadType(o, map) is null)
                {
                    continue;
                }

                var remoteDirection = answer.DirectionOf(a);
                var ourDirection = offer.DirectionOf(o);
                var direction = SdpDirectionExtensions.From(
                    ourDirection.CanSend() && remoteDirection.CanReceive() && !connection.IsUnspecified,
                    ourDirection.CanReceive() && remoteDirection.CanSend());
                var te = FindTelephoneEvent(a, map.ClockRate) is { } t && FindTelephoneEvent(o, map.ClockRate) is not null ? t : (int?)null;
                var cn = FindComfortNoise(a, map) is { } c && FindComfortNoise(o, map) is not null ? c : ((int, int)?)null;
                media = Negotiate(a, connection, pt, map, te, cn, direction) with { LocalCrypto = ourCrypto, RemoteCrypto = theirCrypto };
                error = null;
                return true;
            }
        }

        return false;
    }

    private static bool TryAccept(
        SdpSessionDescription offer,
        SdpMediaDescription m,
        SdpLocalMedia local,
        SdpAnswerPolicy policy,
        out SdpMediaDescription? answerMedia,
        out SdpNegotiatedMedia? negotiated,
        out SdpConnection? localConnection,
        out SdpRefusal? refusal)
    {
        answerMedia = null;
        negotiated = null;
        localConnection = null;
        if (!IsAudio(m))
        {
            refusal = new SdpRefusal(SdpRefusal.MediaTypeNotAvailable, $"{m.Media} stream not supported");
            return false;
        }

        if (m.Port == 0)
        {
            refusal = new SdpRefusal(SdpRefusal.Miscellaneous, "audio stream disabled by the offerer (port 0)");
            return false;
        }

        if (!string.Equals(m.Protocol, RtpAvp, StringComparison.OrdinalIgnoreCase) && !string.Equals(m.Protocol, SdpSrtp.SecureProfile, StringComparison.OrdinalIgnoreCase))
        {
            refusal = new SdpRefusal(SdpRefusal.IncompatibleTransportProtocol, $"transport {m.Protocol} not supported (RTP/AVP and RTP/SAVP only)");
            return false;
        }

        if (!TryAnswerCrypto(m, local, out var ourCrypto, out var theirCrypto, out refusal))
        {
            return false;
        }

        var connection = offer.ConnectionOf(m);
        if (!TryUseConnection(connection, out refusal) || !TryLocalConnection(local, connection!, out localConnection, out refusal))
        {
            return false;
        }

        if (Choose(m, local, policy) is not { } chosen)
        {
            refusal = new SdpRefusal(SdpRefusal.IncompatibleMediaFormat, NoCommonCodec(m, local));
            return false;
        }

        var (pt, map) = chosen;

        var formats = new List<string>();
        var attributes = new List<SdpAttribute>();
        AddFormat(formats, attributes, pt, map, local.Codecs.First(c => c.Matches(map)).Fmtp);
        int? te = null;
        if (local.TelephoneEvent && FindTelephoneEvent(m, map.ClockRate) is { } offeredTe && CoversDtmf(m.GetFmtp(offeredTe)))
        {
            te = offeredTe;
            AddFormat(formats, attributes, offeredTe, new SdpRtpMap(offeredTe, SdpCodec.TelephoneEventName, map.ClockRate), TelephoneEvents);
        }

        (int PayloadType, int ClockRate)? cn = null;
        if (local.ComfortNoise && FindComfortNoise(m, map) is { } offeredCn)
        {
            cn = offeredCn;
            AddFormat(formats, attributes, offeredCn.PayloadType, new SdpRtpMap(offeredCn.PayloadType, SdpCodec.ComfortNoiseName, offeredCn.ClockRate), null);
        }

        var direction = offer.DirectionOf(m).Answer(local.Direction);
        AddCommon(attributes, local, direction);
        if (ourCrypto is not null)
        {
            attributes.Add(new SdpAttribute(SdpCryptoAttribute.AttributeName, ourCrypto.ToAttributeValue()));
        }
        answerMedia = new SdpMediaDescription
        {
            Media = m.Media,
            Port = local.Port,
            Protocol = m.Protocol,
            Formats = formats,
            Attributes = attributes,
        };

        // A stream offered at the RFC 2543 hold address 0.0.0.0 gets nothing from us until a new offer moves it.
        var effective = connection!.IsUnspecified ? SdpDirectionExtensions.From(false, direction.CanReceive()) : direction;
        negotiated = Negotiate(m, connection, pt, map, te, cn, effective) with { LocalCrypto = ourCrypto, RemoteCrypto = theirCrypto };
        return true;
    }

    private static (int PayloadType, SdpRtpMap Map)? Choose(SdpMediaDescription m, SdpLocalMedia local, SdpAnswerPolicy policy)
    {
        var offered = new List<(int, SdpRtpMap)>();
        foreach (var pt in m.PayloadTypes)
        {
            if (m.GetRtpMap(pt) is { } map && !IsEvent(map))
            {
                offered.Add((pt, map));
            }
        }

        if (policy == SdpAnswerPolicy.LocalOrder)
        {
            foreach (var codec in local.Codecs)
            {
                foreach (var (pt, map) in offered)
                {
                    if (codec.Matches(map))
                    {
                        return (pt, map);
                    }
                }
            }

            return null;
        }

        foreach (var (pt, map) in offered)
        {
            if (local.Codecs.Any(c => c.Matches(map)))
            {
                return (pt, map);
            }
        }

        return null;
    }

    private static string NoCommonCodec(SdpMediaDescription m, SdpLocalMedia local)
    {
        var offered = m.PayloadTypes
            .Select(pt => m.GetRtpMap(pt) is { } map ? (IsEvent(map) ? null : $"{map.EncodingName}/{SdpNumbers.Format(map.ClockRate)}") : SdpNumbers.Format(pt))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(8);
        var ours = local.Codecs.Select(c => $"{c.Name}/{SdpNumbers.Format(c.ClockRate)}");
        return $"no common codec (offered {string.Join(", ", offered)}; supported {string.Join(", ", ours)})";
    }

    private static SdpMediaDescription Rejected(SdpMediaDescription m) => new()
    {
        Media = m.Media,
        Port = 0,
        Protocol = m.Protocol,
        Formats = m.Formats.Count > 0 ? m.Formats : ["0"],
    };
}
