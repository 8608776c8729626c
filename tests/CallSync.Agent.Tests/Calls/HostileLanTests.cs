using System.Net;
using System.Net.Sockets;
using CallSync.Agent.Tests.Support;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sdp;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CallSync.Agent.Tests.Calls;

/// <summary>
/// Junk on the LAN against the whole agent in process: random datagrams at its SIP port and at a live call's RTP
/// port. The log stays small, and the call in progress is still answered, recorded and finished truly.
/// </summary>
public sealed class HostileLanTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int DatagramsPerPort = 20_000;
    private const long LogBudget = 100 * 1024;
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-hostile-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly LogCapture _logs = new();
    private readonly UdpClient _attacker = new(new IPEndPoint(IPAddress.Loopback, 0));
    private InProcessAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await InProcessAgent.StartAsync(_dir, _time, _logs);

    public async Task DisposeAsync()
    {
        _attacker.Dispose();
        await _agent.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RandomDatagrams_AtSipAndRtpPorts_LogUnderBudgetAndTheCallRecordedTruly()
    {
        var random = new Random(4711);
        await FloodAsync(_agent.Sip.LocalEndPoints[0].EndPoint, random);

        var invite = await _agent.Peer.InviteAsync("call-under-fire");
        await _agent.Peer.NextResponseAsync(180, "INVITE");
        await InProcessAgent.Eventually(() => _agent.Board.Ringer.IsRinging, "the ringer");
        _agent.Board.Hook.Set(true);
        var ok = await _agent.Peer.NextResponseAsync(200, "INVITE");
        await _agent.Peer.InDialogAsync(ok, "ACK", invite.CSeq.Sequence);
        await InProcessAgent.Eventually(() => _agent.Calls.Activity == DeviceActivity.InCall, "the call to be up");
        Assert.True(SdpParser.TryParse(ok.Body.Span, out var answer, out var reason), reason);
        await FloodAsync(new IPEndPoint(IPAddress.Loopback, answer!.Media[0].Port), random);
        _agent.Talk(TimeSpan.FromSeconds(2));
        await _agent.Peer.InDialogAsync(ok, "BYE");
        await _agent.Peer.NextResponseAsync(200, "BYE");

        var record = Assert.Single(await _agent.RecordsAsync(1));
        output.WriteLine($"{2 * DatagramsPerPort} junk datagrams: {_logs.Lines.Count} log lines, {_logs.Bytes} bytes; SIP {_agent.Sip.HandlingTimes}");
        foreach (var (level, message) in _logs.Lines)
        {
            output.WriteLine($"  {level}: {message}");
        }

        Assert.Equal(CallResult.Answered, record.Result);
        Assert.True(_logs.Bytes < LogBudget, $"{_logs.Bytes} bytes of log for {2 * DatagramsPerPort} junk datagrams:\n{string.Join('\n', _logs.Lines.Take(40))}");
        Assert.Equal(0, _agent.Sip.HandlingTimes.Failures);
    }

    /// <summary>Random datagrams (1-1400 bytes, some starting like SIP or RTP), paced by OPTIONS round trips so none is lost to a full socket buffer.</summary>
    private async Task FloodAsync(IPEndPoint target, Random random)
    {
        for (var i = 0; i < DatagramsPerPort; i++)
        {
            var datagram = new byte[1 + random.Next(1400)];
            random.NextBytes(datagram);
            if (i % 3 == 0 && datagram.Length > 12)
            {
                datagram[0] = 0x80; // RTP version 2: past the first check
            }
            else if (i % 3 == 1)
            {
                var start = "INVITE sip:1001@127.0.0.1 SIP/2.0\r\n"u8;
                start[..Math.Min(start.Length, datagram.Length)].CopyTo(datagram);
            }

            await _attacker.SendAsync(datagram, target);
            if (i % 200 == 199)
            {
                await _agent.Peer.SyncAsync();
            }
        }
    }
}
