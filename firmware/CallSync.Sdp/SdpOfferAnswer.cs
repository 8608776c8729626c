namespace CallSync.Sdp;

/// <summary>
/// The RFC 3264 offer/answer model for a single audio stream: building an offer from local capabilities,
/// answering an offer (with a Warning-ready reason when it cannot be accepted), and reading the answer to an
/// offer this side made.
/// </summary>
public static partial class SdpOfferAnswer
{
    /// <summary>The dynamic payload type offered for telephone-event at 8 kHz (G.711, G.722).</summary>
    public const int TelephoneEvent8000PayloadType = 101;

    /// <summary>The dynamic payload type offered for telephone-event at 48 kHz (next to opus).</summary>
    public const int TelephoneEvent48000PayloadType = 102;

    /// <summary>The static payload type of comfort noise at 8 kHz (RFC 3551 table 4).</summary>
    public const int ComfortNoise8000PayloadType = 13;

    /// <summary>The session name written in every description (<c>s=</c> must not be empty, RFC 8866 section 5.3).</summary>
    public const string SessionName = "CallSync";

    // The events this side sends and receives: DTMF 0-9 * # A-D (0-15) and flash (16), RFC 4733 section 3.2.
    private const string TelephoneEvents = "0-16";

    /// <summary>
    /// Builds an offer with one audio stream: <paramref name="local"/>'s codecs in its order, then telephone-event
    /// at each codec clock rate (when enabled), then comfort noise at each non-Opus clock rate (when enabled). With
    /// <see cref="SdpLocalMedia.Encryption"/> on, one <c>a=crypto</c> line per suite with a fresh key each, on RTP/AVP
    /// (optional) or RTP/SAVP (required).
    /// The connection and origin use <see cref="SdpLocalMedia.Address"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="SdpLocalMedia.Address"/> is not a numeric IP address.</exception>
    public static SdpSessionDescription CreateOffer(SdpLocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var formats = new List<string>();
        var attributes = new List<SdpAttribute>();
        var used = new HashSet<int>();
        foreach (var codec in local.Codecs)
        {
            used.Add(codec.PayloadType);
            AddFormat(formats, attributes, codec.PayloadType, new SdpRtpMap(codec.PayloadType, codec.Name, codec.ClockRate, codec.Channels), codec.Fmtp);
        }

        var rates = local.Codecs.Select(c => c.ClockRate).Distinct().ToList();
        if (local.TelephoneEvent)
        {
            foreach (var rate in rates)
            {
                var preferred = rate switch { 8000 => TelephoneEvent8000PayloadType, 48000 => TelephoneEvent48000PayloadType, _ => -1 };
                var pt = FreePayloadType(used, preferred);
                AddFormat(formats, attributes, pt, new SdpRtpMap(pt, SdpCodec.TelephoneEventName, rate), TelephoneEvents);
            }
        }

        if (local.ComfortNoise)
        {
            foreach (var rate in local.Codecs.Where(c => !c.IsOpus).Select(c => c.ClockRate).Distinct())
            {
                var pt = FreePayloadType(used, rate == 8000 ? ComfortNoise8000PayloadType : -1);
                AddFormat(formats, attributes, pt, new SdpRtpMap(pt, SdpCodec.ComfortNoiseName, rate), null);
            }
        }

        AddCommon(attributes, local, local.Direction);
        AddOfferedCrypto(attributes, local);
        return Session(local, SdpConnection.ForAddress(local.Address), new SdpMediaDescription
        {
            Media = "audio",
            Port = local.Port,
            Protocol = local.Encryption == SdpEncryption.Required ? SdpSrtp.SecureProfile : RtpAvp,
            Formats = formats,
            Attributes = attributes,
        });
    }

    /// <summary>
    /// Answers <paramref name="offer"/>: the first audio RTP stream with a usable connection and a mutually supported
    /// codec is accepted with exactly one codec (plus telephone-event and comfort noise at its clock rate when both
    /// sides support them), keeping the offer's payload type numbers; every other stream is rejected with port 0. An
    /// <c>IN IP6</c> stream is answered <c>IN IP6</c> from the local IPv6 address. When nothing is accepted,
    /// <see cref="SdpAnswer.Refusal"/> says why, preferring the reason of an audio stream.
    /// </summary>
    /// <exception cref="ArgumentException">A local address is not a numeric IP address (a configuration error).</exception>
    public static SdpAnswer CreateAnswer(SdpSessionDescription offer, SdpLocalMedia local, SdpAnswerPolicy policy = SdpAnswerPolicy.OfferOrder)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var media = new List<SdpMediaDescription>(offer.Media.Count);
        SdpNegotiatedMedia? accepted = null;
        SdpConnection? answerConnection = null;
        SdpRefusal? refusal = null;
        var refusalIsAudio = false;
        foreach (var m in offer.Media)
        {
            if (accepted is null)
            {
                if (TryAccept(offer, m, local, policy, out var answerMedia, out var negotiated, out var connection, out var why))
                {
                    media.Add(answerMedia!);
                    accepted = negotiated;
                    answerConnection = connection;
                    continue;
                }

                var isAudio = IsAudio(m);
                if (refusal is null || (isAudio && !refusalIsAudio))
                {
                    refusal = why;
                    refusalIsAudio = isAudio;
                }
            }

            media.Add(Rejected(m));
        }

        if (accepted is null && !refusalIsAudio)
        {
            refusal = new SdpRefusal(
                SdpRefusal.MediaTypeNotAvailable,
                offer.Media.Count == 0 ? "offer has no media stream" : $"no audio stream offered ({string.Join(", ", offer.Media.Select(m => m.Media).Distinct())})");
        }

        var session = Session(local, answerConnection ?? SdpConnection.ForAddress(local.Address), [.. media]);
        return new SdpAnswer(session, accepted, accepted is null ? refusal : null);
    }
}
