using System.Globalization;
using System.Security;

namespace CallSync.Testing.Peers.Sipp;

/// <summary>
/// sipp scenario files written by the tests: a uac that offers a chosen SDP and replays a pcap once answered, and a
/// uas that answers with a chosen SDP and replays a pcap once the call is up. Both take sipp's keywords for
/// addresses, ports and tags, so they run unchanged over UDP or TCP (<c>-t t1</c>) and IPv4 or IPv6.
/// </summary>
public static class SippScenario
{
    /// <summary>
    /// A uac: INVITE with <paramref name="offer"/>, then (after 100/180/183) the 200 and the ACK to its Contact
    /// (with its Record-Route set: <c>rrs</c>, <c>[next_url]</c>, <c>[routes]</c>), then
    /// <paramref name="pcapFile"/> replayed to the answer's media address, <paramref name="talk"/> of waiting, and BYE.
    /// </summary>
    public static string Uac(SdpOffer offer, string pcapFile, TimeSpan talk) => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="callsync: uac replaying {{Escape(Path.GetFileName(pcapFile))}}">
        {{Invite(offer)}}
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="183" optional="true"/>
          <recv response="200" rtd="true" rrs="true"/>
        {{InDialog("ACK", 1, retransmit: false)}}
        {{PlayPcap(pcapFile)}}
          <pause milliseconds="{{Milliseconds(talk)}}"/>
        {{InDialog("BYE", 2, retransmit: true)}}
          <recv response="200" crlf="true"/>
        </scenario>

        """;

    /// <summary>
    /// A uas: takes an INVITE, rings, answers with <paramref name="answer"/>, replays <paramref name="pcapFile"/> once
    /// the ACK is in, and answers the caller's BYE.
    /// </summary>
    public static string Uas(SdpOffer answer, string pcapFile) => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="callsync: uas replaying {{Escape(Path.GetFileName(pcapFile))}}">
          <recv request="INVITE" crlf="true"/>
          <send>
            <![CDATA[
        SIP/2.0 180 Ringing
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]callsync[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
        Content-Length: 0

            ]]>
          </send>
          <send retrans="500">
            <![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]callsync[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
        Content-Type: application/sdp
        Content-Length: [len]

        {{answer.Body().TrimEnd()}}

            ]]>
          </send>
          <recv request="ACK" rtd="true" crlf="true"/>
        {{PlayPcap(pcapFile)}}
          <recv request="BYE"/>
          <send>
            <![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

            ]]>
          </send>
        </scenario>

        """;

    /// <summary>
    /// A uac whose offer must be refused with <paramref name="status"/> (e.g. 488): INVITE, the final response (any
    /// other one fails the call) and its ACK.
    /// </summary>
    public static string UacRefused(SdpOffer offer, int status) => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="callsync: uac expecting {{status}}">
        {{Invite(offer)}}
          <recv response="100" optional="true"/>
          <recv response="{{status}}" rtd="true"/>
          <send>
            <![CDATA[
        ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
        [last_Via:]
        From: "sipp" <sip:sipp@[local_ip]:[local_port]>;tag=[pid]callsync[call_number]
        To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
        Call-ID: [call_id]
        CSeq: 1 ACK
        Max-Forwards: 70
        Content-Length: 0

            ]]>
          </send>
        </scenario>

        """;

    /// <summary>The INVITE both uac scenarios start with.</summary>
    private static string Invite(SdpOffer offer) => $$"""
          <send retrans="500">
            <![CDATA[
        INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: "sipp" <sip:sipp@[local_ip]:[local_port]>;tag=[pid]callsync[call_number]
        To: <sip:[service]@[remote_ip]:[remote_port]>
        Call-ID: [call_id]
        CSeq: 1 INVITE
        Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
        Max-Forwards: 70
        Content-Type: application/sdp
        Content-Length: [len]

        {{offer.Body().TrimEnd()}}

            ]]>
          </send>
        """;

    /// <summary>A request within the uac's dialog, to the answer's Contact through its Record-Route set.</summary>
    private static string InDialog(string method, int sequence, bool retransmit) => $$"""
          <send{{(retransmit ? " retrans=\"500\"" : string.Empty)}}>
            <![CDATA[
        {{method}} [next_url] SIP/2.0
        [routes]
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: "sipp" <sip:sipp@[local_ip]:[local_port]>;tag=[pid]callsync[call_number]
        To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
        Call-ID: [call_id]
        CSeq: {{sequence}} {{method}}
        Max-Forwards: 70
        Content-Length: 0

            ]]>
          </send>
        """;

    /// <summary>Starts replaying the pcap's RTP to the negotiated address (sipp goes on with the scenario meanwhile).</summary>
    private static string PlayPcap(string pcapFile) => $$"""
          <nop>
            <action>
              <exec play_pcap_audio="{{Escape(pcapFile)}}"/>
            </action>
          </nop>
        """;

    private static string Milliseconds(TimeSpan time) => ((long)time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
