using System.Net;
using System.Net.Sockets;
using CallSync.Configuration;

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
        "the IPv6 address for media; without it an offer with IPv6 media is refused with `488`", ConfigKeyFlags.Reserved);

    public static readonly ConfigKey<int> PortMin = Section.Add("PortMin", ConfigValues.Number(1024, 65534), 16384,
        "lowest RTP port (even ports for RTP, the next odd one for RTCP)");

    public static readonly ConfigKey<int> PortMax = Section.Add("PortMax", ConfigValues.Number(1025, 65535), 16483,
        "highest RTP port; above `Rtp:PortMin`");

    public static readonly ConfigKey<TimeSpan> InactivityTimeout = Section.Add("InactivityTimeout",
        ConfigValues.DurationOrOff(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)), TimeSpan.FromSeconds(30),
        "a talking call that receives no RTP for this long is ended by the phone (BYE, ended by the system; not while on hold); `off`: never");

    public static readonly ConfigKey<MediaEncryption> Encryption = Section.Add("Encryption",
        ConfigValues.OneOf("off, optional or required",
            ("off", MediaEncryption.Off), ("optional", MediaEncryption.Optional), ("required", MediaEncryption.Required)),
        MediaEncryption.Off,
        "SRTP with SDES keys (RFC 4568): `off`: plain RTP; `optional`: offer SRTP, accept either; `required`: SRTP only",
        ConfigKeyFlags.Reserved);

    public static readonly ConfigKey<bool> AllowSdesOverPlainSip = Section.Add("AllowSdesOverPlainSip", ConfigValues.Bool(), false,
        "send and accept SDES keys in SDP over unencrypted SIP (anyone who sees the signalling can decrypt the media)",
        ConfigKeyFlags.Reserved);

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

    private static IPAddress FirstIPv4(SipOptions sip) =>
        sip.Listen.Select(l => l.EndPoint.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Any;
}
