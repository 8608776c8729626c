using System.Net.Sockets;
using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp.Corpus;

/// <summary>
/// Offers in the style of the peers desk phones meet (written for these tests from how each product lays out its
/// SDP): the field order, attribute habits and quirks each one has; one captured from linphone on this machine.
/// </summary>
internal static class ForeignOffers
{
    /// <summary>The agent as configured by default, with CN on and an IPv6 address.</summary>
    public static SdpLocalMedia Local { get; } = new()
    {
        Address = "192.0.2.10",
        Ipv6Address = "2001:db8::10",
        Port = 40000,
        Codecs = [SdpCodec.G722, SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.Opus],
        ComfortNoise = true,
        SessionId = 4242,
        SessionVersion = 1,
        UserName = "desk-a",
    };

    public static IReadOnlyList<ForeignOffer> All { get; } =
    [
        // Captured from linphone-daemon 5.1.65 (Debian linphone-cli) on this machine calling a test UAS: Opus first, speex,
        // telephone-event at three rates, RTCP feedback and XR at session level.
        new("linphone 5.1.65 captured", """
            v=0
            o=linphone 710 2816 IN IP4 127.0.0.1
            s=Talk
            c=IN IP4 127.0.0.1
            t=0 0
            a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
            m=audio 47000 RTP/AVP 96 97 98 0 8 9 18 99 100 101
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:97 speex/16000
            a=fmtp:97 vbr=on
            a=rtpmap:98 speex/8000
            a=fmtp:98 vbr=on
            a=fmtp:18 annexb=yes
            a=rtpmap:99 telephone-event/48000
            a=rtpmap:100 telephone-event/16000
            a=rtpmap:101 telephone-event/8000
            a=rtcp-fb:* trr-int 5000
            a=rtcp-fb:* ccm tmmbr

            """)
        {
            Codec = "opus", PayloadType = 96, ClockRate = 48000, RemoteAddress = "127.0.0.1", RemotePort = 47000,
            TelephoneEvent = 99, Opus = new SdpOpusParameters { UseInbandFec = true },
        },

        // The same client on an IPv6 network.
        new("linphone 5.1 IPv6", """
            v=0
            o=bob 5521 2024 IN IP6 2001:db8:0:1::21
            s=Talk
            c=IN IP6 2001:db8:0:1::21
            t=0 0
            m=audio 7078 RTP/AVP 0 8 101
            a=rtpmap:101 telephone-event/8000
            a=rtcp:7079 IN IP6 2001:db8:0:1::21

            """)
        {
            Codec = "PCMU", PayloadType = 0, ClockRate = 8000, RemoteAddress = "2001:db8:0:1::21", RemotePort = 7078,
            Family = AddressFamily.InterNetworkV6, RemoteRtcpPort = 7079, TelephoneEvent = 101,
        },

        // G.711 only, an explicit event list, SSRC and label attributes, ptime last.
        new("baresip 1.0", """
            v=0
            o=- 1380623613 2934487017 IN IP4 198.51.100.30
            s=-
            c=IN IP4 198.51.100.30
            t=0 0
            m=audio 10390 RTP/AVP 0 8 101
            b=AS:88
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=sendrecv
            a=label:1
            a=ssrc:3413947410 cname:baresip@example.net
            a=rtcp-rsize
            a=ptime:20

            """)
        {
            Codec = "PCMU", PayloadType = 0, ClockRate = 8000, RemoteAddress = "198.51.100.30", RemotePort = 10390,
            TelephoneEvent = 101, Ptime = 20,
        },

        // A desk phone: G.722 first, G.729 it has and we lack, the fmtp of a codec we do not take.
        new("Yealink T46U", """
            v=0
            o=- 20045 20045 IN IP4 10.1.1.20
            s=SDP data
            c=IN IP4 10.1.1.20
            t=0 0
            m=audio 11800 RTP/AVP 9 0 8 18 101
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=no
            a=ptime:20
            a=sendrecv
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15

            """)
        {
            Codec = "G722", PayloadType = 9, ClockRate = 8000, RemoteAddress = "10.1.1.20", RemotePort = 11800,
            TelephoneEvent = 101, Ptime = 20,
        },

        // A PBX: session id and version equal, maxptime, CN offered statically.
        new("Asterisk 18", """
            v=0
            o=- 1867530345 1867530345 IN IP4 203.0.113.5
            s=Asterisk
            c=IN IP4 203.0.113.5
            t=0 0
            m=audio 12938 RTP/AVP 9 0 8 13 101
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:13 CN/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=maxptime:150
            a=sendrecv

            """)
        {
            Codec = "G722", PayloadType = 9, ClockRate = 8000, RemoteAddress = "203.0.113.5", RemotePort = 12938,
            TelephoneEvent = 101, ComfortNoise = 13, Ptime = 20, MaxPtime = 150,
        },

        // A switch: Opus with spaced fmtp and its own ptime bounds, telephone-event at both rates, a=rtcp with address.
        new("FreeSWITCH 1.10", """
            v=0
            o=FreeSWITCH 1700001234 1700001235 IN IP4 198.51.100.7
            s=FreeSWITCH
            c=IN IP4 198.51.100.7
            t=0 0
            m=audio 24562 RTP/AVP 102 9 0 8 103 101 13
            a=rtpmap:102 opus/48000/2
            a=fmtp:102 useinbandfec=1; maxaveragebitrate=30000; maxplaybackrate=16000; ptime=20; minptime=10; maxptime=40
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:103 telephone-event/48000
            a=fmtp:103 0-16
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=rtpmap:13 CN/8000
            a=rtcp:24563 IN IP4 198.51.100.7

            """)
        {
            Codec = "opus", PayloadType = 102, ClockRate = 48000, RemoteAddress = "198.51.100.7", RemotePort = 24562,
            RemoteRtcpPort = 24563, TelephoneEvent = 103, Ptime = 20, MaxPtime = 40,
            Opus = new SdpOpusParameters { UseInbandFec = true, MaxAverageBitrate = 30000, MaxPlaybackRate = 16000, Ptime = 20, MinPtime = 10, MaxPtime = 40 },
        },

        // A Cisco phone through CUCM: b= before t=, c= after m= with its own b=TIAS, video offered and declined.
        new("Cisco CP-8865", """
            v=0
            o=Cisco-SIPUA 13785 0 IN IP4 10.10.10.5
            s=SIP Call
            b=AS:4064
            t=0 0
            m=audio 19384 RTP/AVP 114 9 124 0 8 116 18 101
            c=IN IP4 10.10.10.5
            b=TIAS:64000
            a=rtpmap:114 opus/48000/2
            a=fmtp:114 maxplaybackrate=16000;sprop-maxcapturerate=16000;maxaveragebitrate=64000;stereo=0;sprop-stereo=0;usedtx=0
            a=rtpmap:9 G722/8000
            a=rtpmap:124 ISAC/16000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:116 iLBC/8000
            a=fmtp:116 mode=20
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=yes
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=sendrecv
            m=video 19386 RTP/AVP 126 97
            c=IN IP4 10.10.10.5
            b=TIAS:4000000
            a=rtpmap:126 H264/90000
            a=fmtp:126 profile-level-id=42801E;packetization-mode=1
            a=rtpmap:97 H264/90000
            a=fmtp:97 profile-level-id=42801E;packetization-mode=0
            a=content:main
            a=label:11
            a=sendrecv

            """)
        {
            Codec = "opus", PayloadType = 114, ClockRate = 48000, RemoteAddress = "10.10.10.5", RemotePort = 19384, Rejected = 1,
            Opus = new SdpOpusParameters { MaxPlaybackRate = 16000, SpropMaxCaptureRate = 16000, MaxAverageBitrate = 64000, Stereo = false, SpropStereo = false, UseDtx = false },
        },

        // A softphone with video first (declined), a media-level c= overriding the session's, mid and SSRC attributes.
        new("Zoiper 5 video call", """
            v=0
            o=Z 1700000000001 1 IN IP4 198.51.100.44
            s=Z
            c=IN IP4 198.51.100.44
            t=0 0
            m=video 31000 RTP/AVP 99
            a=rtpmap:99 H264/90000
            a=mid:video
            m=audio 31002 RTP/AVP 8 0 101
            c=IN IP4 198.51.100.45
            a=mid:audio
            a=ssrc:9911 cname:zoiper
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=sendrecv

            """)
        {
            Codec = "PCMA", PayloadType = 8, ClockRate = 8000, RemoteAddress = "198.51.100.45", RemotePort = 31002,
            TelephoneEvent = 101, Rejected = 1,
        },

        // A PBX putting us on hold: session-level sendonly, static types without rtpmap.
        new("Asterisk hold", """
            v=0
            o=- 1867530345 1867530346 IN IP4 203.0.113.5
            s=Asterisk
            c=IN IP4 203.0.113.5
            t=0 0
            a=sendonly
            m=audio 12938 RTP/AVP 8 101
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:30

            """)
        {
            Codec = "PCMA", PayloadType = 8, ClockRate = 8000, RemoteAddress = "203.0.113.5", RemotePort = 12938,
            TelephoneEvent = 101, Ptime = 30, Direction = SdpDirection.RecvOnly,
        },

        // An old gateway holding with the RFC 2543 address 0.0.0.0: we keep receiving, send nothing.
        new("Cisco IOS gateway hold", """
            v=0
            o=CiscoSystemsSIP-GW-UserAgent 4360 2235 IN IP4 192.0.2.99
            s=SIP Call
            c=IN IP4 0.0.0.0
            t=0 0
            m=audio 18374 RTP/AVP 0 101
            c=IN IP4 0.0.0.0
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20

            """)
        {
            Codec = "PCMU", PayloadType = 0, ClockRate = 8000, RemoteAddress = "0.0.0.0", RemotePort = 18374,
            TelephoneEvent = 101, Ptime = 20, Direction = SdpDirection.RecvOnly,
        },

        // A G.722-only trunk: static type, no rtpmap at all.
        new("G.722-only trunk", """
            v=0
            o=sbc 77 1 IN IP4 203.0.113.80
            s=-
            c=IN IP4 203.0.113.80
            t=0 0
            m=audio 4000 RTP/AVP 9
            a=ptime:20

            """)
        {
            Codec = "G722", PayloadType = 9, ClockRate = 8000, RemoteAddress = "203.0.113.80", RemotePort = 4000, Ptime = 20,
        },
    ];
}
