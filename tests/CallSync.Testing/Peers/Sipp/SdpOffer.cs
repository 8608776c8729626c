using System.Globalization;
using System.Text;
using CallSync.Testing.Rtp;

namespace CallSync.Testing.Peers.Sipp;

/// <summary>
/// The SDP a sipp scenario sends (an offer from a uac, an answer from a uas): codecs, packet time, direction and any
/// further attributes, with sipp's keywords for the media address family, address and port, so one description
/// serves IPv4 and IPv6 (<c>-mi ::1</c>).
/// </summary>
public sealed record SdpOffer
{
    /// <summary>The telephone-event payload type listed after the codecs when <see cref="TelephoneEvent"/> is set.</summary>
    public const int TelephoneEventPayloadType = 101;

    /// <summary>The audio codecs, in order of preference.</summary>
    public required IReadOnlyList<RtpCodec> Codecs { get; init; }

    /// <summary>Lists telephone-event/8000 (RFC 4733 digits).</summary>
    public bool TelephoneEvent { get; init; } = true;

    /// <summary>Lists CN/8000 (payload type 13, RFC 3389).</summary>
    public bool ComfortNoise { get; init; }

    /// <summary>a=ptime, when set.</summary>
    public TimeSpan? PacketTime { get; init; }

    /// <summary>a=maxptime, when set.</summary>
    public TimeSpan? MaxPacketTime { get; init; }

    /// <summary>sendrecv, sendonly, recvonly or inactive.</summary>
    public string Direction { get; init; } = "sendrecv";

    /// <summary>
    /// The media address to announce instead of sipp's own (-mi), e.g. a test's socket that receives what the other
    /// side sends; IPv6 when it contains ':'.
    /// </summary>
    public string? MediaAddress { get; init; }

    /// <summary>The media port to announce instead of sipp's own (-mp).</summary>
    public int? MediaPort { get; init; }

    /// <summary>Further attribute lines without "a=" ("fmtp:111 useinbandfec=1").</summary>
    public IReadOnlyList<string> Attributes { get; init; } = [];

    /// <summary>The SDP body, one line each (sipp ends every line of a message with CRLF when it sends it).</summary>
    public string Body()
    {
        var payloadTypes = Codecs.Select(c => c.PayloadType).ToList();
        if (ComfortNoise)
        {
            payloadTypes.Add(RtpCodec.ComfortNoisePayloadType);
        }

        if (TelephoneEvent)
        {
            payloadTypes.Add(TelephoneEventPayloadType);
        }

        var family = MediaAddress is null ? "[media_ip_type]" : MediaAddress.Contains(':', StringComparison.Ordinal) ? "6" : "4";
        var address = MediaAddress ?? "[media_ip]";
        var port = MediaPort is { } p ? Text(p) : "[media_port]";
        var sdp = new StringBuilder();
        void Line(string line) => sdp.Append(line).Append('\n');
        Line("v=0");
        Line($"o=sipp 1234567890 1 IN IP{family} {address}"); // RFC 8866: sess-id and sess-version are digits
        Line("s=-");
        Line($"c=IN IP{family} {address}");
        Line("t=0 0");
        Line($"m=audio {port} RTP/AVP " + string.Join(' ', payloadTypes.Select(Text)));
        foreach (var codec in Codecs)
        {
            Line($"a=rtpmap:{Text(codec.PayloadType)} {codec.RtpMap}");
        }

        if (ComfortNoise)
        {
            Line($"a=rtpmap:{Text(RtpCodec.ComfortNoisePayloadType)} CN/8000");
        }

        if (TelephoneEvent)
        {
            Line($"a=rtpmap:{Text(TelephoneEventPayloadType)} telephone-event/8000");
            Line($"a=fmtp:{Text(TelephoneEventPayloadType)} 0-15");
        }

        if (PacketTime is { } ptime)
        {
            Line("a=ptime:" + Milliseconds(ptime));
        }

        if (MaxPacketTime is { } maxptime)
        {
            Line("a=maxptime:" + Milliseconds(maxptime));
        }

        foreach (var attribute in Attributes)
        {
            Line("a=" + attribute);
        }

        Line("a=" + Direction);
        return sdp.ToString();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture);
}
