namespace CallSync.Sdp;

/// <summary>
/// The RFC 3264 offer/answer model for a single audio stream: building an offer from local
/// capabilities, answering an offer, and reading the answer to an offer this side made.
/// </summary>
public static class SdpOfferAnswer
{
    /// <summary>The dynamic payload type offered for telephone-event at 8 kHz.</summary>
    public const int TelephoneEvent8000PayloadType = 101;

    /// <summary>The dynamic payload type offered for telephone-event at 48 kHz (next to opus).</summary>
    public const int TelephoneEvent48000PayloadType = 102;

    private const string TelephoneEventName = "telephone-event";

    /// <summary>Builds an offer with one audio stream listing <paramref name="local"/>'s codecs in preference order.</summary>
    public static SdpSessionDescription CreateOffer(SdpLocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var formats = new List<string>();
        var attributes = new List<SdpAttribute>();
        foreach (var codec in local.Codecs)
        {
            AddCodec(formats, attributes, codec.PayloadType, codec.Name, codec.ClockRate, codec.Channels, codec.Fmtp);
        }

        if (local.TelephoneEvent)
        {
            foreach (var rate in local.Codecs.Select(c => c.ClockRate).Distinct())
            {
                var pt = rate == 48000 ? TelephoneEvent48000PayloadType : rate == 8000 ? TelephoneEvent8000PayloadType : -1;
                if (pt >= 0)
                {
                    AddCodec(formats, attributes, pt, TelephoneEventName, rate, 1, "0-16");
                }
            }
        }

        AddCommon(attributes, local, local.Direction);
        return Session(local, new SdpMediaDescription
        {
            Media = "audio",
            Port = local.Port,
            Protocol = "RTP/AVP",
            Formats = formats,
            Attributes = attributes,
        });
    }

    /// <summary>
    /// Answers <paramref name="offer"/>: the first audio RTP stream with a mutually supported codec is
    /// accepted with exactly one codec (plus telephone-event when both support it), keeping the offer's
    /// payload type numbers; every other stream is rejected with port 0.
    /// </summary>
    public static SdpAnswer CreateAnswer(SdpSessionDescription offer, SdpLocalMedia local, SdpAnswerPolicy policy = SdpAnswerPolicy.OfferOrder)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var media = new List<SdpMediaDescription>(offer.Media.Count);
        SdpNegotiatedMedia? accepted = null;
        string? reason = offer.Media.Count == 0 ? "offer has no media stream" : null;
        foreach (var m in offer.Media)
        {
            string? why = "only one audio stream is accepted";
            if (accepted is null && TryAccept(offer, m, local, policy, out var answerMedia, out var negotiated, out why))
            {
                media.Add(answerMedia!);
                accepted = negotiated;
                continue;
            }

            reason ??= why;
            media.Add(new SdpMediaDescription
            {
                Media = m.Media,
                Port = 0,
                Protocol = m.Protocol,
                Formats = m.Formats.Count > 0 ? m.Formats : ["0"],
            });
        }

        return new SdpAnswer(Session(local, [.. media]), accepted, accepted is null ? reason ?? "no acceptable audio stream" : null);
    }

    /// <summary>
    /// Reads the answer to an offer this side made: the first audio stream the peer accepted (non-zero
    /// port) whose codec was in the offer.
    /// </summary>
    public static bool TryReadAnswer(SdpSessionDescription offer, SdpSessionDescription answer, out SdpNegotiatedMedia? media, out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        media = null;
        for (var i = 0; i < answer.Media.Count && i < offer.Media.Count; i++)
        {
            var a = answer.Media[i];
            var o = offer.Media[i];
            if (a.Port == 0 || !a.IsRtp || !string.Equals(a.Media, "audio", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var connection = answer.ConnectionOf(a);
            if (connection is null)
            {
                error = "answer has no connection address";
                return false;
            }

            foreach (var pt in a.PayloadTypes)
            {
                var map = a.GetRtpMap(pt);
                if (map is null || IsTelephoneEvent(map))
                {
                    continue;
                }

                // The answerer must use a codec from the offer (RFC 3264 section 6.1); match by name and rate.
                var ourPt = FindPayloadType(o, map);
                if (ourPt is null)
                {
                    continue;
                }

                var remoteDirection = answer.DirectionOf(a);
                var ourDirection = offer.DirectionOf(o);
                var direction = SdpDirectionExtensions.From(
                    ourDirection.CanSend() && remoteDirection.CanReceive() && !connection.IsUnspecified,
                    ourDirection.CanReceive() && remoteDirection.CanSend());
                media = new SdpNegotiatedMedia
                {
                    RemoteAddress = connection.Address,
                    RemotePort = a.Port,
                    PayloadType = pt,
                    CodecName = map.EncodingName,
                    ClockRate = map.ClockRate,
                    Channels = map.Channels,
                    Fmtp = a.GetFmtp(pt),
                    TelephoneEventPayloadType = FindTelephoneEvent(a, map.ClockRate) is { } te && FindTelephoneEvent(o, map.ClockRate) is not null ? te : null,
                    Direction = direction,
                    RemotePtime = a.Ptime,
                };
                error = null;
                return true;
            }
        }

        error = "answer accepts no offered audio codec";
        return false;
    }

    private static bool TryAccept(
        SdpSessionDescription offer,
        SdpMediaDescription m,
        SdpLocalMedia local,
        SdpAnswerPolicy policy,
        out SdpMediaDescription? answerMedia,
        out SdpNegotiatedMedia? negotiated,
        out string? reason)
    {
        answerMedia = null;
        negotiated = null;
        if (!string.Equals(m.Media, "audio", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"{m.Media} stream not supported";
            return false;
        }

        if (m.Port == 0)
        {
            reason = "audio stream disabled by the offerer";
            return false;
        }

        if (!string.Equals(m.Protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"transport {m.Protocol} not supported";
            return false;
        }

        var connection = offer.ConnectionOf(m);
        if (connection is null)
        {
            reason = "offer has no connection address";
            return false;
        }

        var chosen = Choose(m, local, policy);
        if (chosen is null)
        {
            reason = "no common codec";
            return false;
        }

        var (pt, map) = chosen.Value;
        var formats = new List<string>();
        var attributes = new List<SdpAttribute>();
        var fmtp = m.GetFmtp(pt);
        AddCodec(formats, attributes, pt, map.EncodingName, map.ClockRate, map.Channels, fmtp is null ? null : LocalFmtp(local, map) ?? fmtp);
        int? tePt = null;
        if (local.TelephoneEvent && FindTelephoneEvent(m, map.ClockRate) is { } te)
        {
            tePt = te;
            AddCodec(formats, attributes, te, TelephoneEventName, map.ClockRate, 1, m.GetFmtp(te) ?? "0-16");
        }

        var offered = offer.DirectionOf(m);
        var direction = offered.Answer(local.Direction);
        AddCommon(attributes, local, direction);
        answerMedia = new SdpMediaDescription
        {
            Media = m.Media,
            Port = local.Port,
            Protocol = m.Protocol,
            Formats = formats,
            Attributes = attributes,
        };
        negotiated = new SdpNegotiatedMedia
        {
            RemoteAddress = connection.Address,
            RemotePort = m.Port,
            PayloadType = pt,
            CodecName = map.EncodingName,
            ClockRate = map.ClockRate,
            Channels = map.Channels,
            Fmtp = fmtp,
            TelephoneEventPayloadType = tePt,
            Direction = connection.IsUnspecified ? SdpDirectionExtensions.From(false, direction.CanReceive()) : direction,
            RemotePtime = m.Ptime,
        };
        reason = null;
        return true;
    }

    private static (int PayloadType, SdpRtpMap Map)? Choose(SdpMediaDescription m, SdpLocalMedia local, SdpAnswerPolicy policy)
    {
        var offered = new List<(int, SdpRtpMap)>();
        foreach (var pt in m.PayloadTypes)
        {
            if (m.GetRtpMap(pt) is { } map && !IsTelephoneEvent(map))
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

    private static string? LocalFmtp(SdpLocalMedia local, SdpRtpMap map) =>
        local.Codecs.FirstOrDefault(c => c.Matches(map))?.Fmtp;

    private static bool IsTelephoneEvent(SdpRtpMap map) =>
        string.Equals(map.EncodingName, TelephoneEventName, StringComparison.OrdinalIgnoreCase);

    private static int? FindTelephoneEvent(SdpMediaDescription m, int clockRate)
    {
        foreach (var pt in m.PayloadTypes)
        {
            if (m.GetRtpMap(pt) is { } map && IsTelephoneEvent(map) && map.ClockRate == clockRate)
            {
                return pt;
            }
        }

        return null;
    }

    private static int? FindPayloadType(SdpMediaDescription m, SdpRtpMap wanted)
    {
        foreach (var pt in m.PayloadTypes)
        {
            if (m.GetRtpMap(pt) is { } map
                && string.Equals(map.EncodingName, wanted.EncodingName, StringComparison.OrdinalIgnoreCase)
                && map.ClockRate == wanted.ClockRate)
            {
                return pt;
            }
        }

        return null;
    }

    private static void AddCodec(List<string> formats, List<SdpAttribute> attributes, int pt, string name, int clock, int channels, string? fmtp)
    {
        formats.Add(SdpNumbers.Format(pt));
        attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(pt, name, clock, channels).ToAttributeValue()));
        if (fmtp is not null)
        {
            attributes.Add(new SdpAttribute("fmtp", SdpNumbers.Format(pt) + " " + fmtp));
        }
    }

    private static void AddCommon(List<SdpAttribute> attributes, SdpLocalMedia local, SdpDirection direction)
    {
        attributes.Add(new SdpAttribute("ptime", SdpNumbers.Format(local.Ptime)));
        if (local.MaxPtime is { } max)
        {
            attributes.Add(new SdpAttribute("maxptime", SdpNumbers.Format(max)));
        }

        attributes.Add(new SdpAttribute(direction.ToAttributeName()));
    }

    private static SdpSessionDescription Session(SdpLocalMedia local, params SdpMediaDescription[] media)
    {
        var connection = SdpConnection.ForAddress(local.Address);
        return new SdpSessionDescription
        {
            Origin = new SdpOrigin(local.UserName, local.SessionId, local.SessionVersion, connection),
            SessionName = "CallSync",
            Connection = connection,
            Media = media,
        };
    }
}
