using CallSync.Companion.Messages;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Server;

public sealed class PairingTimeoutTests
{
    /// <summary>A desk phone user who never presses a key; tells the test when the code is on the display.</summary>
    private sealed class SilentConfirmer : IPairingConfirmer
    {
        public TaskCompletionSource Shown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<bool> ConfirmAsync(PairingPrompt prompt, CancellationToken cancellationToken)
        {
            Shown.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return true;
        }
    }

    [Fact]
    public async Task PairAsync_DeskPhoneUserNeverAnswers_RejectedAfterPairingTimeoutNothingStored()
    {
        var confirmer = new SilentConfirmer();
        await using var fixture = new ServerFixture(confirmer);
        await using var client = await fixture.ConnectAsync();

        var pairing = client.PairAsync("user-7", "Pixel", (_, _) => ValueTask.FromResult(true), ServerFixture.Timeout());
        await confirmer.Shown.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await fixture.Logger.WaitForEventAsync(6023, "confirmed");
        Assert.False(pairing.IsCompleted);
        fixture.Time.Advance(TimeSpan.FromSeconds(91));
        var result = await pairing;

        Assert.Equal(PairingStatus.RejectedOnPhone, result.Status);
        Assert.Empty(fixture.Keys.List());
        await fixture.Logger.WaitForEventAsync(6022, "not confirmed in time");
    }
}
