namespace CallSync.Tests.Shared.Sip;

/// <summary>
/// A representative INVITE with SDP (about 900 bytes) and its 200 OK, as a desk phone exchanges them: the samples of the
/// SIP syntax tests and the SIP benchmarks.
/// </summary>
internal static class SipSampleTexts
{
    internal const string InviteText =
        "INVITE sip:bob@pbx.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.20:5060;rport;branch=z9hG4bK776asdhds7a8s9df\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice Desk\" <sip:alice@pbx.example.com>;tag=1928301774\r\n" +
        "To: <sip:bob@pbx.example.com>\r\n" +
        "Call-ID: a84b4c76e66710@192.168.1.20\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.168.1.20:5060;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY\r\n" +
        "Supported: timer, replaces, 100rel\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "Min-SE: 90\r\n" +
        "User-Agent: CallSync-DeskPhone/0.1\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 300\r\n" +
        "\r\n" +
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.168.1.20\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.168.1.20\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 111 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:111 opus/48000/2\r\n" +
        "a=fmtp:111 useinbandfec=1\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    internal const string OkText =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.20:5060;rport=5060;received=192.168.1.20;branch=z9hG4bK776asdhds7a8s9df\r\n" +
        "Record-Route: <sip:pbx.example.com;lr>\r\n" +
        "From: \"Alice Desk\" <sip:alice@pbx.example.com>;tag=1928301774\r\n" +
        "To: <sip:bob@pbx.example.com>;tag=a6c85cf\r\n" +
        "Call-ID: a84b4c76e66710@192.168.1.20\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:bob@192.168.1.30:5060>\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "Require: timer\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";
}
