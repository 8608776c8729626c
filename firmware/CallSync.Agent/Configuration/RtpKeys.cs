using System.Net;
using System.Net.Sockets;
using CallSync.Configuration;
using CallSync.Sip.Transport;

namespace CallSync.Agent.Configuration;

/// <summary>The Rtp section: declared keys and how they become <see cref="RtpOptions"/>.</summary>
internal static class RtpKeys
{
    public static readonly ConfigSection Section = new("Rtp", "Where media flows, and how.");

    public static readonly ConfigKey<IPAddress?> Address = Section.Optional("Address",
        ConfigValues.IPAddress(AddressFamily.InterNetwork, "an IPv4 address such as 192.168.1.20 or 0.0.0.0"),
        "the address media is bound to and announced in SDP", defaultText: "the first IPv4 address in `Sip:Listen`, else `0.0.0.0`");

    public static readonly ConfigKey<IPAddress?> Address6 = Section.Optional("Address6",
        ConfigValues.IPAddress(AddressFamily.InterNetworkV6, "an IPv6 address such as 2001:db8::20"),
        "the IPv6 address announced for media: an offer with `c=IN IP6` is answered with it (`::`: this host's first global IPv6 address); " +
        "when set, media is bound dual-stack (`::`) so the same port serves both families. Without it such an offer is refused with `488`");

    public static readonly ConfigKey<int> PortMin = Section.Add("PortMin", ConfigValues.Number(1024, 65534), 16384,
        "lowest RTP port (even ports for RTP, the next odd one for RTCP)");

    public static readonly ConfigKey<int> PortMax = Section.Add("PortMax", ConfigValues.Number(1025, 65535), 16483,
        "highest RTP port; above `Rtp:PortMin`");

    public static readonly ConfigKey<TimeSpan> InactivityTimeout = Section.Add("InactivityTimeout",
        ConfigValues.DurationOrOff(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)), TimeSpan.FromSeconds(30),
        "a talking call that receives no RTP or RTCP for this long is ended by the phone (BYE, ended by the system; not while on hold); `off`: never");

    public static readonly ConfigKey<MediaEncryption> Encryption = Section.Add("Encryption",
        ConfigValues.OneOf("off, optional or required",
            ("off", MediaEncryption.Off), ("optional", MediaEncryption.Optional), ("required", MediaEncryption.Required)),
        MediaEncryption.Off,
        "SRTP with SDES keys (RFC 4568): `off`: plain RTP; `optional`: offer SRTP (RTP/AVP with `a=crypto`), accept plain RTP too; " +
        "`required`: offer RTP/SAVP, refuse a call without usable keys (488 with a Warning). Keys travel only over TLS signalling " +
        "unless `Rtp:AllowSdesOverPlainSip`");

    public static readonly ConfigKey<bool> AllowSdesOverPlainSip = Section.Add("AllowSdesOverPlainSip", ConfigValues.Bool(), false,
        "UNSAFE: send and accept SDES keys in SDP over unencrypted SIP (UDP, TCP): anyone who sees the signalling can decrypt the media; " +
        "such calls are recorded with `security: srtp`, not `tls+srtp`");

    public static RtpOptions Read(ConfigReader reader, SipOptions sip)
    {
        var min = reader.Get(PortMin);
        var max = reader.Get(PortMax);
        if (max <= min && !reader.HasProblem(PortMin) && !reader.HasProblem(PortMax))
        {
            reader.Fail(PortMax, $"a port above Rtp:PortMin ({min})");
        }

        return new RtpOptions
        {
            Address = reader.Get(Address) ?? FirstIPv4(sip),
            Address6 = reader.Get(Address6),
            PortMin = min,
            PortMax = max,
            InactivityTimeout = reader.Get(InactivityTimeout),
            Encryption = reader.Get(Encryption),
            AllowSdesOverPlainSip = reader.Get(AllowSdesOverPlainSip),
        };
    }

    /// <summary>
    /// Combinations that are valid but do not do what they seem to: SRTP asked for while no signalling is TLS (no
    /// <c>tls:</c> entry in <c>Sip:Listen</c>, no <c>sips:</c> or <c>;transport=tls</c> registrar) and keys over plain
    /// SIP not allowed. One line each, for
    /// <c>--check-config</c> and the start-up log.
    /// </summary>
    public static IReadOnlyList<string> Advice(RtpOptions rtp, SipOptions sip)
    {
        if (rtp.Encryption == MediaEncryption.Off || rtp.AllowSdesOverPlainSip
            || sip.UserAgent.DomainTransport == SipTransportKind.Tls || sip.Listen.Any(l => l.Transport == SipTransportKind.Tls))
        {
            return [];
        }

        return rtp.Encryption == MediaEncryption.Required
            ? ["configuration: Rtp:Encryption is required but no SIP is over TLS (no tls: entry in Sip:Listen, no sips: registrar) and Rtp:AllowSdesOverPlainSip is false: " +
               "SDES keys are only sent over TLS, so every call over UDP or TCP is refused (488)"]
            : ["configuration: Rtp:Encryption is optional but no SIP is over TLS (no tls: entry in Sip:Listen, no sips: registrar) and Rtp:AllowSdesOverPlainSip is false: " +
               "SDES keys are only sent over TLS, so calls over UDP or TCP use plain RTP"];
    }

    private static IPAddress FirstIPv4(SipOptions sip) =>
        sip.Listen.Select(l => l.EndPoint.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Any;
}
