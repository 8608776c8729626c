using System.Net.Sockets;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;
using CallSync.Companion.Server;
using CallSync.Companion.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CallSync.Companion.Tests.Server;

/// <summary>
/// Slots for people, not sockets: connections that never authenticate cannot hold the phone's sessions, a paired
/// companion always gets in, and a flood of them writes a line per interval, not per connection.
/// </summary>
public sealed class SessionSlotTests
{
    [Fact]
    public async Task Handshake_HelloThenPingsPastDeadline_ClosedWithTimeout()
    {
        await using var fixture = new ServerFixture();
        await using var raw = await RawCompanion.ConnectAsync(fixture);

        // Pings kept a per-step timer from firing; the whole handshake now has one deadline (10 s).
        for (ulong token = 1; token <= 3; token++)
        {
            await raw.SendAsync(new Ping(token));
            Assert.Equal(token, (await raw.ReceiveAsync<Pong>()).Token);
            fixture.Time.Advance(TimeSpan.FromSeconds(3));
        }

        await raw.SendAsync(new Ping(4));
        await raw.ReceiveAsync<Pong>();
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var refusal = await raw.ExpectRefusalAsync();

        Assert.Equal(ErrorCode.Timeout, refusal.Code);
        Assert.Contains("handshake not finished within 10 s", refusal.Reason, StringComparison.Ordinal);
        await fixture.Logger.WaitForEventAsync(6009, "handshake not finished");
    }

    [Fact]
    public async Task Pairing_UsersTakeLongerThanHandshakeDeadline_StillPaired()
    {
        var confirmer = new SlowConfirmer();
        await using var fixture = new ServerFixture(confirmer);
        await using var client = await fixture.ConnectAsync();

        // The people compare the code for 60 s: the pairing moves the deadline, the handshake's 10 s do not cut it.
        var pairing = client.PairAsync("user-7", "Test mobile", (_, _) => ValueTask.FromResult(true), ServerFixture.Timeout());
        await confirmer.Shown.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await fixture.Logger.WaitForEventAsync(6023, "confirmed");
        fixture.Time.Advance(TimeSpan.FromSeconds(60));
        confirmer.Press.SetResult();
        var result = await pairing;

        Assert.Equal(PairingStatus.Paired, result.Status);
    }

    [Fact]
    public async Task Accept_EightLoiterersHoldConnections_PairedCompanionAuthenticatesWithin2Seconds()
    {
        await using var fixture = new ServerFixture();
        var credentials = await fixture.PairAsync();
        var loiterers = new List<RawCompanion>();
        try
        {
            // The reported attack: 8 unpaired connections that say Hello, then ping (every 10 s) and never authenticate.
            for (ulong i = 1; i <= 8; i++)
            {
                var raw = await RawCompanion.ConnectAsync(fixture);
                loiterers.Add(raw);
                await raw.SendAsync(new Ping(i));
            }

            using var twoSeconds = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await using var client = await Client.CompanionClient.ConnectAsync(await fixture.OpenStreamAsync(), twoSeconds.Token);
            await client.AuthenticateAsync(credentials, null, twoSeconds.Token);
            await client.PingAsync(twoSeconds.Token);

            Assert.Equal(1, fixture.Server.AuthenticatedSessions);
            await UntilAsync(
                () => fixture.Server.ActiveSessions <= 1 + fixture.Server.Options.MaxUnauthenticatedPerSource,
                () => $"{fixture.Server.ActiveSessions} sessions open");
        }
        finally
        {
            foreach (var raw in loiterers)
            {
                await raw.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Accept_ThirdUnauthenticatedFromOneSource_OldestClosed()
    {
        await using var fixture = new ServerFixture();
        await using var first = await RawCompanion.ConnectAsync(fixture);
        await using var second = await RawCompanion.ConnectAsync(fixture);
        await using var third = await RawCompanion.ConnectAsync(fixture);

        await AssertClosedAsync(first);
        await second.SendAsync(new Ping(2));
        Assert.Equal(2UL, (await second.ReceiveAsync<Pong>()).Token);
        await third.SendAsync(new Ping(3));
        Assert.Equal(3UL, (await third.ReceiveAsync<Pong>()).Token);
        await fixture.Logger.WaitForEventAsync(6008, "to make room for connection 3");
    }

    [Fact]
    public async Task Accept_UnauthenticatedFromManySources_OverallBudgetKept()
    {
        // Every connection here comes from 127.0.0.1: a per-source budget as large as the overall one shows the overall cap.
        await using var fixture = new ServerFixture(options: new CompanionServerOptions { MaxUnauthenticated = 3, MaxUnauthenticatedPerSource = 3 });
        var raws = new List<RawCompanion>();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                raws.Add(await RawCompanion.ConnectAsync(fixture));
            }

            await AssertClosedAsync(raws[0]);
            await AssertClosedAsync(raws[1]);
            await UntilAsync(() => fixture.Server.ActiveSessions == 3, () => $"{fixture.Server.ActiveSessions} sessions open");
        }
        finally
        {
            foreach (var raw in raws)
            {
                await raw.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Accept_ReopenLoop200Connections_OneLinePerIntervalWithCount()
    {
        await using var fixture = new ServerFixture();
        for (int i = 0; i < 200; i++)
        {
            var stream = await fixture.OpenStreamAsync();
            await stream.WriteAsync(new byte[] { 0x01 });
            await stream.DisposeAsync();
        }

        // Hold three at once so the budget of two per source closes one: 200 reopened sockets, then one eviction.
        await using var a = await RawCompanion.ConnectAsync(fixture);
        await using var b = await RawCompanion.ConnectAsync(fixture);
        await using var c = await RawCompanion.ConnectAsync(fixture);
        await AssertClosedAsync(a);
        await fixture.Logger.WaitForEventAsync(6008, "(1 such closings since the last line)");

        for (int i = 0; i < 20; i++)
        {
            await (await RawCompanion.ConnectAsync(fixture)).DisposeAsync();
        }

        fixture.Time.Advance(fixture.Server.Options.RefusalLogInterval);
        await using var d = await RawCompanion.ConnectAsync(fixture);
        await using var e = await RawCompanion.ConnectAsync(fixture);
        await using var f = await RawCompanion.ConnectAsync(fixture);
        await fixture.Logger.WaitForEventAsync(6008, "closings since the last line)");

        var warnings = fixture.Logger.Entries.Where(entry => entry.Level >= LogLevel.Information && entry.EventId is >= 6007 and <= 6014).ToList();
        Assert.True(warnings.Count <= 4, string.Join("\n", warnings.Select(w => w.Message)));
        Assert.Equal(2, warnings.Count(w => w.EventId == 6008));
        Assert.DoesNotContain(fixture.Logger.Entries, entry => entry.Level >= LogLevel.Information && entry.EventId == 6004);
    }

    [Fact]
    public async Task Authenticate_AllSlotsHeldByOtherCompanions_RefusedBusyOwnReconnectStillServed()
    {
        await using var fixture = new ServerFixture(options: new CompanionServerOptions { MaxSessions = 2 });
        var first = await fixture.PairAsync("user-1");
        var second = await fixture.PairAsync("user-2");
        var third = await fixture.PairAsync("user-3");
        await using var one = await fixture.AuthenticatedAsync(first);
        await using var two = await fixture.AuthenticatedAsync(second);

        await using var refused = await fixture.ConnectAsync();
        var busy = await Assert.ThrowsAsync<CompanionProtocolException>(() => refused.AuthenticateAsync(third, null, ServerFixture.Timeout()));
        Assert.Equal(ErrorCode.Busy, busy.Code);

        // A companion whose old session still holds a slot (a Bluetooth drop not yet noticed) takes it over.
        await using var again = await fixture.AuthenticatedAsync(first);
        await again.PingAsync(ServerFixture.Timeout());
        await two.PingAsync(ServerFixture.Timeout());
        Assert.Equal(2, fixture.Server.AuthenticatedSessions);
    }

    /// <summary>A desk phone user who presses the key when the test says so.</summary>
    private sealed class SlowConfirmer : IPairingConfirmer
    {
        public TaskCompletionSource Shown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Press { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<bool> ConfirmAsync(PairingPrompt prompt, CancellationToken cancellationToken)
        {
            Shown.TrySetResult();
            await Press.Task.WaitAsync(cancellationToken);
            return true;
        }
    }

    private static async Task AssertClosedAsync(RawCompanion raw)
    {
        try
        {
            Assert.Null(await raw.Connection.ReceiveAsync(ServerFixture.Timeout(10)));
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // A reset is as closed as an orderly close.
        }
    }

    private static async Task UntilAsync(Func<bool> condition, Func<string> what)
    {
        for (int i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), what());
    }
}
