using CallSync.Companion.Messages;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Server;

public sealed class DialAndUnpairTests
{
    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task DialAsync_FromCompanion_ReachesDialerAndResultAndEventsComeBack(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync();
        await using var client = await fixture.AuthenticatedAsync(credentials);
        fixture.Dialer.Answer = _ => CompanionDialOutcome.Started("rec-0815");

        var result = await client.DialAsync("+4930999", ServerFixture.Timeout());

        Assert.Equal(["+4930999"], fixture.Dialer.Numbers);
        Assert.Equal(CompanionDialStatus.Started, result.Status);
        Assert.Equal("rec-0815", result.RecordId);
        var events = new List<CallEvent>();
        for (int i = 0; i < 3; i++)
        {
            events.Add(await client.CallEvents.ReadAsync(ServerFixture.Timeout()));
        }

        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.Ended], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal("rec-0815", e.RecordId));
        Assert.Equal("answered", events[2].Detail);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task DialAsync_PhoneBusy_ReturnsBusyWithReason(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync();
        await using var client = await fixture.AuthenticatedAsync(credentials);
        fixture.Dialer.Answer = _ => CompanionDialOutcome.Busy();

        var result = await client.DialAsync("200", ServerFixture.Timeout());

        Assert.Equal(CompanionDialStatus.Busy, result.Status);
        Assert.Equal("the desk phone is busy", result.Reason);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task DialAsync_Rejected_ReturnsReason(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync();
        await using var client = await fixture.AuthenticatedAsync(credentials);
        fixture.Dialer.Answer = n => CompanionDialOutcome.Rejected($"'{n}' is not a valid number");

        var result = await client.DialAsync("abc", ServerFixture.Timeout());

        Assert.Equal(CompanionDialStatus.Rejected, result.Status);
        Assert.Equal("'abc' is not a valid number", result.Reason);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task UnpairAsync_FromCompanion_KeyRemovedAndLaterAuthenticationRefused(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync();
        await using (var client = await fixture.AuthenticatedAsync(credentials))
        {
            Assert.Equal("unpaired by the companion", await client.UnpairAsync(ServerFixture.Timeout()));
        }

        Assert.Null(fixture.Keys.Find(credentials.CompanionId));
        await using var again = await fixture.ConnectAsync();
        var error = await Assert.ThrowsAsync<CallSync.Companion.Protocol.CompanionProtocolException>(
            () => again.AuthenticateAsync(credentials, null, ServerFixture.Timeout()));
        Assert.Equal(ErrorCode.NotPaired, error.Code);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task UnpairAsync_FromPhone_SessionToldAndKeyRemoved(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync();
        await using var client = await fixture.AuthenticatedAsync(credentials);
        await client.PingAsync(ServerFixture.Timeout());

        Assert.True(await fixture.Server.UnpairAsync(credentials.CompanionId, ServerFixture.Timeout()));

        Assert.Equal("unpaired on the desk phone", await client.Unpaired.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(fixture.Keys.Find(credentials.CompanionId));
        await fixture.Logger.WaitForEventAsync(6060, "desk phone");
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Authenticate_SameCompanionAgain_OldSessionClosedNewOneServed(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync();
        await using var first = await fixture.AuthenticatedAsync(credentials);
        await using var second = await fixture.AuthenticatedAsync(credentials);

        await second.PingAsync(ServerFixture.Timeout());
        try
        {
            await first.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            // Ending on a reset is fine: the old session is gone either way.
        }

        Assert.True(first.Completion.IsCompleted);
        await fixture.Logger.WaitForEventAsync(6006, credentials.CompanionId);
    }
}
