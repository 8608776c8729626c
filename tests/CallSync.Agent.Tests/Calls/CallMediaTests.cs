using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallSync.Agent.Calls;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests.Calls;

/// <summary>
/// What the call manager hands the media path, seen from the peer's side: the RTP the phone sends to a real socket
/// of the test, the RTP the test sends back, and the record and recording the call leaves. Fake time drives the
/// audio periods (the handset's frame clock steps once per 20 ms advanced).
/// </summary>
public sealed class CallMediaTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-media-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly Socket _rtp = new(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
    private InProcessAgent _agent = null!;
    private ushort _sequence;

    private int RtpPort => ((IPEndPoint)_rtp.LocalEndPoint!).Port;

    public async Task InitializeAsync()
    {
        _rtp.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        _agent = await InProcessAgent.StartAsync(_dir, _time, ("Rtp:Address6", "::1"));
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _rtp.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Offer(string address, string formats, SdpDirectionText direction = SdpDirectionText.SendRecv, int version = 1)
    {
        string family = address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
        var (numbers, maps) = formats switch
        {
            "G722" => ("9", "a=rtpmap:9 G722/8000\r\n"),
            _ => ("0 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"),
        };
        return $"v=0\r\no=peer 7 {version} IN {family} {address}\r\ns=-\r\nc=IN {family} {address}\r\nt=0 0\r\n"
            + $"m=audio {RtpPort} RTP/AVP {numbers}\r\n{maps}a={direction.ToString().ToLowerInvariant()}\r\n";
    }

    private async Task<SipResponse> AnswerIncomingAsync(string callId, string offer) => (await _agent.AnswerIncomingAsync(callId, offer)).Ok;

    /// <summary>Advances <paramref name="duration"/> of fake time and returns the RTP payloads the phone sent meanwhile (payload type, payload).</summary>
    private async Task<List<(int PayloadType, byte[] Payload, EndPoint From)>> TalkAndCollectAsync(TimeSpan duration)
    {
        var packets = new List<(int, byte[], EndPoint)>();
        var buffer = new byte[1500];
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(20))
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            await DrainAsync(packets, buffer, wait: false);
        }

        await DrainAsync(packets, buffer, wait: true);
        return packets;
    }

    private async Task DrainAsync(List<(int, byte[], EndPoint)> packets, byte[] buffer, bool wait)
    {
        while (_rtp.Available > 0 || (wait && await PollAsync()))
        {
            EndPoint from = new IPEndPoint(IPAddress.IPv6Any, 0);
            int n = _rtp.ReceiveFrom(buffer, ref from);
            if (n >= 12)
            {
                packets.Add((buffer[1] & 0x7F, buffer.AsSpan(12, n - 12).ToArray(), from));
            }
        }
    }

    private async Task<bool> PollAsync()
    {
        for (int i = 0; i < 20 && _rtp.Available == 0; i++)
        {
            await Task.Delay(10);
        }

        return _rtp.Available > 0;
    }

    private void SendRtp(IPEndPoint to, int payloadType, uint timestamp, ReadOnlySpan<byte> payload, bool marker = false)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)(payloadType | (marker ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234_5678);
        payload.CopyTo(packet.AsSpan(12));
        _rtp.SendTo(packet, to);
    }

    private static int AnsweredPort(SipResponse ok)
    {
        string sdp = Encoding.UTF8.GetString(ok.Body.Span);
        string media = sdp.Split("\r\n").Single(l => l.StartsWith("m=audio ", StringComparison.Ordinal));
        return int.Parse(media.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int OpusHeadInputRate(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int head = file.AsSpan().IndexOf("OpusHead"u8);
        Assert.True(head >= 0, "an OpusHead packet");
        return BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(head + 12));
    }

    [Theory]
    [InlineData("G722", 9, 160, "G722/8000", 16000)] // 20 ms of 16 kHz audio, one byte per sample pair
    [InlineData("PCMU", 0, 160, "PCMU/8000", 8000)]
    public async Task Incoming_Offer_AnsweredSentAndRecordedAtTheCodecsRate(string codec, int payloadType, int payloadBytes, string recordCodec, int recordingRate)
    {
        var ok = await AnswerIncomingAsync("in-" + codec, Offer("127.0.0.1", codec));
        Assert.Contains($"a=rtpmap:{payloadType} {recordCodec}", Encoding.UTF8.GetString(ok.Body.Span), StringComparison.Ordinal);

        var sent = await TalkAndCollectAsync(TimeSpan.FromSeconds(1));
        Assert.True(sent.Count >= 40, $"{sent.Count} packets in 1 s");
        Assert.All(sent, p => Assert.Equal(payloadType, p.PayloadType));
        Assert.All(sent, p => Assert.Equal(payloadBytes, p.Payload.Length));
        await _agent.Peer.InDialogAsync(ok, "BYE");

        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(recordCodec, record.Codec);
        Assert.Equal(recordingRate, OpusHeadInputRate(Path.Combine(_dir, "recordings", record.Recording!.Id + ".opus")));
        Assert.Equal(recordingRate, record.Recording.SampleRate);
    }

    [Fact]
    public async Task Incoming_Ipv6Offer_AnsweredInIp6WithRtpAddress6AndMediaFlowsOverIpv6()
    {
        var ok = await AnswerIncomingAsync("in-v6", Offer("::1", "PCMU"));
        string answer = Encoding.UTF8.GetString(ok.Body.Span);
        Assert.Contains("c=IN IP6 ::1", answer, StringComparison.Ordinal);

        // The peer sends first; the phone sends back over IPv6 from the port it announced.
        var phone = new IPEndPoint(IPAddress.IPv6Loopback, AnsweredPort(ok));
        for (uint i = 0; i < 5; i++)
        {
            SendRtp(phone, 0, i * 160, new byte[160], marker: i == 0);
        }

        var sent = await TalkAndCollectAsync(TimeSpan.FromSeconds(1));
        Assert.True(sent.Count >= 40, $"{sent.Count} packets in 1 s");
        Assert.All(sent, p => Assert.Equal(phone, (IPEndPoint)p.From));
        await _agent.Peer.InDialogAsync(ok, "BYE");
        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.True(record.Quality is not null, "media statistics in the record");
        Assert.True(record.Quality.ConcealedPeriods is not null, "the concealment count in the record's quality");
    }

    [Fact]
    public async Task Hold_LocalHold_OnlySilenceSentWhileHeldMicrophoneAfterResumeAndNoInactivityHangUp()
    {
        var attempt = await _agent.Calls.DialAsync("2002", new CallOrigin { Kind = OriginKind.Cli }, CancellationToken.None);
        var invite = await _agent.Peer.NextRequestAsync("INVITE");
        await _agent.Peer.RespondAsync(invite, 180);
        await _agent.Peer.RespondAsync(invite, 200, Offer("127.0.0.1", "PCMU"));
        await _agent.Peer.NextRequestAsync("ACK");
        await InProcessAgent.Eventually(() => _agent.Calls.Activity == DeviceActivity.InCall, "the call to be up");

        static bool Silent(byte[] payload) => payload.AsSpan().IndexOfAnyExcept((byte)0xFF, (byte)0x7F) < 0; // u-law zero
        var talking = await TalkAndCollectAsync(TimeSpan.FromSeconds(1));
        Assert.Contains(talking, p => p.PayloadType == 0 && !Silent(p.Payload)); // the microphone's 400 Hz tone

        var holding = _agent.Calls.ToggleHoldAsync(CancellationToken.None);
        var hold = await _agent.Peer.NextRequestAsync("INVITE");
        Assert.Contains("a=sendonly", Encoding.UTF8.GetString(hold.Body.Span), StringComparison.Ordinal);
        await _agent.Peer.RespondAsync(hold, 200, Offer("127.0.0.1", "PCMU", SdpDirectionText.RecvOnly, 2));
        Assert.True(await holding.WaitAsync(TimeSpan.FromSeconds(10)));
        await InProcessAgent.Eventually(() => _agent.Board.Display.Get(0).StartsWith("On hold", StringComparison.Ordinal), "the hold on the display");
        await TalkAndCollectAsync(TimeSpan.FromMilliseconds(100)); // what was in flight before the re-INVITE completed

        // Held for longer than Rtp:InactivityTimeout (30 s) with nothing from the peer: silence only, and no hang-up.
        var held = await TalkAndCollectAsync(TimeSpan.FromSeconds(35));
        Assert.True(held.Count >= 35 * 50 * 9 / 10, $"{held.Count} packets in 35 s held");
        Assert.All(held, p => Assert.True(Silent(p.Payload), "microphone audio sent while held"));
        Assert.Null(await _agent.Peer.TryNextRequestAsync("BYE", TimeSpan.FromMilliseconds(200)));

        var resuming = _agent.Calls.ToggleHoldAsync(CancellationToken.None);
        var resume = await _agent.Peer.NextRequestAsync("INVITE");
        await _agent.Peer.RespondAsync(resume, 200, Offer("127.0.0.1", "PCMU", SdpDirectionText.SendRecv, 3));
        Assert.False(await resuming.WaitAsync(TimeSpan.FromSeconds(10)));
        await InProcessAgent.Eventually(() => _agent.Board.Display.Get(0).StartsWith("Talking", StringComparison.Ordinal), "talking on the display"); // the loop applied the resume
        var resumed = await TalkAndCollectAsync(TimeSpan.FromSeconds(1));
        Assert.Contains(resumed, p => !Silent(p.Payload));
        await attempt.Call!.Sip.EndAsync("test over");
    }

    [Fact]
    public async Task Talking_PeerRtpThenNothing_HangUpCountsFromTheLastPacket()
    {
        var ok = await AnswerIncomingAsync("in-fade", Offer("127.0.0.1", "PCMU"));
        var phone = new IPEndPoint(IPAddress.Loopback, AnsweredPort(ok));

        // 40 s with a packet every second: longer than Rtp:InactivityTimeout, and the call stays up.
        for (uint s = 0; s < 40; s++)
        {
            SendRtp(phone, 0, s * 8000, new byte[160], marker: s == 0);
            await Task.Delay(20); // the phone takes it in before fake time moves on
            await TalkAndCollectAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Null(await _agent.Peer.TryNextRequestAsync("BYE", TimeSpan.FromMilliseconds(100)));
        await TalkAndCollectAsync(TimeSpan.FromSeconds(27)); // 28 s since the last packet
        Assert.Null(await _agent.Peer.TryNextRequestAsync("BYE", TimeSpan.FromMilliseconds(200)));
        await TalkAndCollectAsync(TimeSpan.FromSeconds(3));
        var bye = await _agent.Peer.NextRequestAsync("BYE");
        Assert.Equal(ok.CallId, bye.CallId);

        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(CallEndedBy.System, record.EndedBy);
        Assert.Contains("no media", record.SipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talking_PeerSendsRfc4733Digit_RecordHasItOnceAtItsRtpOffset()
    {
        var ok = await AnswerIncomingAsync("in-4733", Offer("127.0.0.1", "PCMU"));
        var phone = new IPEndPoint(IPAddress.Loopback, AnsweredPort(ok));
        await TalkAndCollectAsync(TimeSpan.FromSeconds(2));

        // Digit 7 at 2 s: start (marker), two updates, the end packet three times (RFC 4733 2.5.1.4).
        const uint EventTimestamp = 16000;
        (ushort Duration, bool End)[] steps = [(160, false), (320, false), (480, false), (800, true), (800, true), (800, true)];
        foreach (var (duration, end) in steps)
        {
            byte[] payload = [7, (byte)((end ? 0x80 : 0) | 10), (byte)(duration >> 8), (byte)duration];
            SendRtp(phone, 101, EventTimestamp, payload, marker: duration == 160 && !end);
        }

        await Task.Delay(50);
        await TalkAndCollectAsync(TimeSpan.FromSeconds(1));
        await _agent.Peer.InDialogAsync(ok, "BYE");

        var record = Assert.Single(await _agent.RecordsAsync(1));
        var digit = Assert.Single(record.Dtmf);
        Assert.Equal("7", digit.Digit);
        Assert.Equal(DtmfDigit.Rfc4733, digit.Method);
        Assert.Equal(2.0, digit.OffsetSeconds, precision: 1);
    }

    /// <summary>SDP direction attributes as written.</summary>
    private enum SdpDirectionText
    {
        SendRecv,
        RecvOnly,
    }
}
