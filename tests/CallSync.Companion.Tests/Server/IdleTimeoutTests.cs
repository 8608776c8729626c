using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Server;

/// <summary>A mobile that walks out of range must not hold a session slot; one that stays in range keeps its session.</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task ReadLoop_CompanionSilentForIdleTimeout_SessionClosedWithTimeout()
    {
        await using var fixture = new ServerFixture();
        var credentials = await fixture.PairAsync();
        await using var client = await fixture.ConnectAsync();
        client.KeepAliveInterval = TimeSpan.Zero;
        await client.AuthenticateAsync(credentials, null, ServerFixture.Timeout());

        // The server arms its idle timer when it next waits for a frame; advance until it has fired (bounded).
        for (var i = 0; i < 100 && !client.Completion.IsCompleted; i++)
        {
            fixture.Time.Advance(fixture.Server.Options.IdleTimeout);
            await Task.WhenAny(client.Completion, Task.Delay(50));
        }

        var refusal = await Assert.ThrowsAsync<CompanionProtocolException>(() => client.Completion);
        Assert.Equal(ErrorCode.Timeout, refusal.Code);
        await fixture.Logger.WaitForEventAsync(6010, "no message");
    }

    [Fact]
    public async Task KeepAlive_CompanionPingsEveryInterval_SessionOutlivesIdleTimeout()
    {
        await using var fixture = new ServerFixture();
        var credentials = await fixture.PairAsync();
        await using var client = await fixture.ConnectAsync();
        client.Time = fixture.Time;
        await client.AuthenticateAsync(credentials, null, ServerFixture.Timeout());

        // Five minutes of silence but for the keep-alive: each 30 s tick's ping reaches the phone and is answered.
        for (var tick = 1; tick <= 10; tick++)
        {
            fixture.Time.Advance(client.KeepAliveInterval);
            await fixture.Logger.WaitForEventAsync(6070, $"(token {tick})");
        }

        Assert.False(client.Completion.IsCompleted);
        await client.PingAsync(ServerFixture.Timeout());
        Assert.DoesNotContain(fixture.Logger.Entries, e => e.EventId == 6010);
    }
}
