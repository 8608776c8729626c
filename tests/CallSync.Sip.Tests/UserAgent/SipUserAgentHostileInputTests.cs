using System.Net;
using System.Net.Sockets;
using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Fuzz;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Support;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CallSync.Sip.Tests.UserAgent;

/// <summary>
/// A hostile LAN against an auto-answering phone with two call slots: damaged SIP arriving while real calls are
/// placed, and well-formed calls that never complete. Real sockets; the user agent's timers on fake time.
/// </summary>
[Collection(HeapCollection.Name)]
public sealed class SipUserAgentHostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FloodSize = 3000;
    private const int RealCalls = 10;
    private const int MaxDatagram = 65_507;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly TestMediaFactory _media = new();
    private readonly ScriptedSipPeer _peer = new();
    private readonly UdpClient _attacker = new(new IPEndPoint(IPAddress.Loopback, 0));
    private SipUserAgent _ua = null!;

    public async Task InitializeAsync()
    {
        _ua = _media.Attach(
            new SipUserAgent(new SipUserAgentOptions
            {
                User = "1001",
                ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
                MaxCalls = 2,
                Media = _media.LocalMedia,
            }, _time),
            autoAnswer: true);
        await _ua.StartAsync();
        _peer.Agent = _ua.LocalEndPoints[0].EndPoint;
    }

    public async Task DisposeAsync()
    {
        _attacker.Dispose();
        await _ua.DisposeAsync();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task DamagedMessageFlood_WhileRealCallsArrive_EveryRealCallAnsweredNoHandlerFailureMemoryBack()
    {
        await CallAsync("warm-up"); // first-use allocations (JIT, pools) are not what is measured
        AdvanceBeyondTransactions();
        var before = SettledHeap();

        var mutator = new Mutator(Corpus(((IPEndPoint)_attacker.Client.LocalEndPoint!).Port), seed: 1912);
        int sent = 0, parsed = 0, skippedCalls = 0;
        for (var call = 0; call < RealCalls; call++)
        {
            for (var i = 0; i < FloodSize / RealCalls; i++)
            {
                var datagram = mutator.Next();
                if (datagram.Length > MaxDatagram)
                {
                    datagram = datagram[..MaxDatagram]; // what one UDP datagram can carry
                }

                if (IsWellFormedNewCall(datagram))
                {
                    skippedCalls++; // a mutation that is still a complete, valid INVITE is a call, not junk
                    continue;
                }

                parsed += SipMessage.TryParse(datagram, out _, out _) ? 1 : 0;
                await _attacker.SendAsync(datagram, _peer.Agent);
                if (++sent % 50 == 0)
                {
                    await _peer.SyncAsync(); // paced, so every datagram is handled rather than dropped by a full socket buffer
                }
            }

            await CallAsync($"real-{call}");
        }

        // Settled twice: a request still being handled when time first jumps starts its transaction after the jump,
        // and would hold it (and the heap) until the second one. On a loaded machine that is several hundred.
        for (var settle = 0; settle < 2; settle++)
        {
            await _peer.SyncAsync();
            AdvanceBeyondTransactions();
        }

        var after = SettledHeap();

        var answered = 0;
        while (_attacker.Available > 0)
        {
            var reply = await _attacker.ReceiveAsync();
            answered += SipMessage.TryParse(reply.Buffer, out var m, out _) && m is SipResponse { StatusCode: >= 400 } ? 1 : 0;
        }

        output.WriteLine($"{sent} damaged datagrams ({parsed} parse), {answered} refusals back, {skippedCalls} valid INVITEs left out; heap {before / 1024} -> {after / 1024} KiB; {_ua.HandlingTimes}");
        Assert.True(answered > 0, "the flood reached the request handling (some damaged requests are refused with a response)");
        Assert.True(sent > FloodSize * 9 / 10, $"only {sent} damaged datagrams sent ({skippedCalls} valid calls left out)");
        Assert.True(_ua.HandlingTimes.Messages > parsed, $"{_ua.HandlingTimes.Messages} messages handled; {parsed} of the {sent} damaged ones parse");
        Assert.Equal(0, _ua.HandlingTimes.Failures);
        Assert.Empty(_ua.Calls);
        Assert.True(after <= before * 1.10, $"managed heap {before / 1024} KiB before the flood, {after / 1024} KiB after it settled");
    }

    [Fact]
    public async Task AnsweredInvite_AckNeverArrives_SlotFreedWithinTimerHAndByeSent()
    {
        var invites = new List<SipRequest> { await _peer.InviteAsync("no-ack-1"), await _peer.InviteAsync("no-ack-2") };
        await _peer.NextResponseAsync(200, "INVITE", "no-ack-1");
        await _peer.NextResponseAsync(200, "INVITE", "no-ack-2");
        await _peer.InviteAsync("refused-while-full");
        await _peer.NextResponseAsync(486, "INVITE", "refused-while-full");

        // 64*T1 = 32 s without the ACK: each dialog is ended with a BYE (RFC 3261 13.3.1.4) and its slot is free.
        for (var t = 0; t < 32 * 2; t++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        var byes = new[] { await _peer.NextRequestAsync("BYE"), await _peer.NextRequestAsync("BYE") };
        Assert.Equal(invites.Select(i => i.CallId).Order(), byes.Select(b => b.CallId).Order());
        Assert.DoesNotContain(_ua.Calls, c => c.State != SipCallState.Ended);
        await CallAsync("after-timer-h");
    }

    /// <summary>One complete call from the scripted peer: INVITE, 200, ACK, BYE, 200.</summary>
    private async Task CallAsync(string callId)
    {
        var invite = await _peer.InviteAsync(callId);
        var ok = await _peer.NextResponseAsync(200, "INVITE", callId);
        await _peer.InDialogAsync(ok, "ACK", invite.CSeq.Sequence);
        await _peer.InDialogAsync(ok, "BYE");
        await _peer.NextResponseAsync(200, "BYE", callId);
    }

    private void AdvanceBeyondTransactions()
    {
        for (var t = 0; t < 70; t++)
        {
            _time.Advance(TimeSpan.FromSeconds(1)); // Timers H, I, J and K (at most 64*T1 = 32 s) all expire
        }
    }

    private static long SettledHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// True when <paramref name="datagram"/> is a complete, valid new INVITE (well-formed From with tag, To without,
    /// Call-ID, CSeq INVITE, one Contact, no SDP or an SDP that parses): a call by any definition, so not junk.
    /// </summary>
    private static bool IsWellFormedNewCall(byte[] datagram) =>
        SipMessage.TryParse(datagram, out var message, out _)
        && message is SipRequest { Method.Name: "INVITE" } invite
        && invite.TryValidate(out _)
        && invite.From?.Tag is { Length: > 0 }
        && invite.To is { Tag: null }
        && invite.CallId.Length > 0
        && invite.CSeq.Method?.Name == "INVITE"
        && invite.Contacts.Count == 1
        && (invite.Body.Length == 0 || SdpParser.TryParse(invite.Body.Span, out _, out _));

    private static List<byte[]> Corpus(int port)
    {
        var via = $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-flood;rport";
        var sdp = ScriptedSipPeer.Sdp();
        string Request(string method, string toTag, string body = "", string extra = "") =>
            $"{method} sip:1001@127.0.0.1 SIP/2.0\r\n{via}\r\nMax-Forwards: 70\r\nFrom: <sip:9999@127.0.0.1>;tag=flood\r\n" +
            $"To: <sip:1001@127.0.0.1>{toTag}\r\nCall-ID: flood-call\r\nCSeq: 1 {method}\r\nContact: <sip:9999@127.0.0.1:{port}>\r\n{extra}" +
            (body.Length > 0 ? "Content-Type: application/sdp\r\n" : "") + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        return
        [
            Encoding.UTF8.GetBytes(Request("INVITE", "", sdp, "Session-Expires: 1800;refresher=uac\r\nSupported: timer\r\n")),
            Encoding.UTF8.GetBytes(Request("INVITE", ";tag=in-dialog", sdp)),
            Encoding.UTF8.GetBytes(Request("ACK", ";tag=x")),
            Encoding.UTF8.GetBytes(Request("BYE", ";tag=x")),
            Encoding.UTF8.GetBytes(Request("CANCEL", "")),
            Encoding.UTF8.GetBytes(Request("OPTIONS", "")),
            Encoding.UTF8.GetBytes(Request("INFO", ";tag=x", "", "")),
            Encoding.UTF8.GetBytes($"SIP/2.0 200 OK\r\n{via}\r\nFrom: <sip:1001@127.0.0.1>;tag=a\r\nTo: <sip:9999@127.0.0.1>;tag=b\r\nCall-ID: flood-call\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"),
        ];
    }
}
