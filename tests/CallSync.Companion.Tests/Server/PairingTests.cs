using CallSync.Companion.Messages;
using CallSync.Companion.Security;
using CallSync.Companion.Tests.Security;
using CallSync.Companion.Tests.Support;
using CallSync.Contracts;

namespace CallSync.Companion.Tests.Server;

public sealed class PairingTests
{
    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task PairAsync_BothUsersConfirm_SameCodeStoredKeyAndVerifiedAttestation(CompanionLink link)
    {
        var confirmer = new ScriptedConfirmer();
        await using var fixture = new ServerFixture(confirmer, link: link);
        await using var client = await fixture.ConnectAsync();
        string? appCode = null;

        var result = await client.PairAsync("user-7", "Pixel 9", (code, _) =>
        {
            appCode = code;
            return ValueTask.FromResult(true);
        }, ServerFixture.Timeout());

        Assert.Equal(PairingStatus.Paired, result.Status);
        Assert.True(confirmer.Prompts.TryDequeue(out var prompt));
        Assert.Equal(appCode, prompt.Code);
        Assert.Matches("^[0-9]{6}$", prompt.Code);
        Assert.True(result.AttestationVerified);
        var stored = fixture.Keys.Find(result.Credentials!.CompanionId);
        Assert.NotNull(stored);
        Assert.Equal(result.Credentials.LongTermKey, stored.LongTermKey);
        Assert.Equal("user-7", stored.AppUserId);
        Assert.True(BindingAttestation.TryParse(result.Credentials.Attestation, out var attestation));
        Assert.Equal("dev-0042", attestation!.DeviceId);
        Assert.Equal(fixture.Time.GetUtcNow(), attestation.IssuedAt);
        Assert.Equal(fixture.Identity.PublicKeySpki, result.Credentials.DevicePublicKey);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task PairAsync_TwoCompanions_BothAuthenticate(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var first = await fixture.PairAsync("user-1");
        var second = await fixture.PairAsync("user-2");

        await using var a = await fixture.AuthenticatedAsync(first);
        await using var b = await fixture.AuthenticatedAsync(second);
        await a.PingAsync(ServerFixture.Timeout());
        await b.PingAsync(ServerFixture.Timeout());

        Assert.Equal(2, fixture.Keys.List().Count);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task PairAsync_DeskPhoneUserPressesStar_RejectedNothingStoredReasonLogged(CompanionLink link)
    {
        var keypad = new KeypadPairingConfirmerTests.FakeKeypad();
        var display = new KeypadPairingConfirmerTests.FakeDisplay(keypad, '*');
        await using var fixture = new ServerFixture(new KeypadPairingConfirmer(keypad, display), link: link);
        await using var client = await fixture.ConnectAsync();

        var result = await client.PairAsync("user-7", "Pixel", (_, _) => ValueTask.FromResult(true), ServerFixture.Timeout());

        Assert.Equal(PairingStatus.RejectedOnPhone, result.Status);
        Assert.Null(result.Credentials);
        Assert.Empty(fixture.Keys.List());
        await fixture.Logger.WaitForEventAsync(6022, "rejected");
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task PairAsync_AppUserRejects_NothingStored(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        await using var client = await fixture.ConnectAsync();

        var result = await client.PairAsync("user-7", "Pixel", (_, _) => ValueTask.FromResult(false), ServerFixture.Timeout());

        Assert.Equal(PairingStatus.RejectedOnCompanion, result.Status);
        Assert.Empty(fixture.Keys.List());
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Pair_WrongConfirmationValue_RefusedNothingStoredWhileOtherCompanionServed(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var good = await fixture.PairAsync("user-1");
        await using var other = await fixture.AuthenticatedAsync(good);
        await using var raw = await RawCompanion.ConnectAsync(fixture);
        using var key = PairingCrypto.CreateKeyPair();

        await raw.SendAsync(new PairStart("mallory", "Evil", PairingCrypto.ExportPublicKey(key)));
        await raw.ReceiveAsync<PairCommit>();
        await raw.SendAsync(new PairNonce(PairingCrypto.NewNonce()));
        await raw.ReceiveAsync<PairNonce>();
        await raw.SendAsync(new PairConfirm(true, new byte[32]));
        var refusal = await raw.ExpectRefusalAsync();

        Assert.Equal(ErrorCode.PairingFailed, refusal.Code);
        await fixture.Logger.WaitForEventAsync(6009, "confirmation value mismatch");
        Assert.Single(fixture.Keys.List());
        await other.PingAsync(ServerFixture.Timeout());
    }
}
