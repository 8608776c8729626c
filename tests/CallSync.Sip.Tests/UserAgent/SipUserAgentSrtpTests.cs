using CallSync.Sdp;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.UserAgent;

/// <summary>
/// SDES keying between two user agents over loopback UDP: which calls are keyed, refused or kept plain by
/// <see cref="SdpLocalMedia.Encryption"/> and <see cref="SipUserAgentOptions.AllowSdesOverPlainSip"/>, and re-keying
/// on a re-INVITE.
/// </summary>
public sealed class SipUserAgentSrtpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static SdpLocalMedia Media(SdpEncryption encryption, int port) => new()
    {
        Address = "127.0.0.1",
        Port = port,
        Codecs = [SdpCodec.Pcmu],
        Encryption = encryption,
    };

    private static async Task<SipUserAgent> StartAsync(string user, SdpEncryption encryption, bool allowPlain, int port)
    {
        var ua = new SipUserAgent(new SipUserAgentOptions
        {
            User = user,
            ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
            Media = Media(encryption, port),
            AllowSdesOverPlainSip = allowPlain,
        });
        await ua.StartAsync();
        return ua;
    }

    private static string Uri(SipUserAgent ua) => $"sip:1002@127.0.0.1:{ua.LocalEndPoints[0].EndPoint.Port}";

    /// <summary>Answers each incoming call of <paramref name="ua"/> at once with <paramref name="media"/>; the task gives the first.</summary>
    private static Task<SipCall> AnswerIncoming(SipUserAgent ua, SdpLocalMedia media)
    {
        var first = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.OnIncoming(c =>
        {
            c.Answer(media);
            first.TrySetResult(c);
        });
        return first.Task.WaitAsync(Timeout);
    }

    /// <summary>Alice calls Bob, who answers at once; both with <paramref name="encryption"/>; returns once both have media.</summary>
    private static async Task<(SipCall Alice, SipCall Bob)> ConnectAsync(SipUserAgent alice, SipUserAgent bob, SdpEncryption encryption, int alicePort, int bobPort)
    {
        var incoming = AnswerIncoming(bob, Media(encryption, bobPort));
        Assert.True(alice.TryPlaceCall(Uri(bob), Media(encryption, alicePort), out var call, out var reason), reason);
        var bobCall = await incoming;
        await WaitAsync(() => call.Media is not null && bobCall.Media is not null);
        return (call, bobCall);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }

    [Fact]
    public async Task PlaceCall_RequiredBothSidesPlainSipAllowed_KeyedWithEachSidesOwnKey()
    {
        await using var alice = await StartAsync("1001", SdpEncryption.Required, allowPlain: true, 41100);
        await using var bob = await StartAsync("1002", SdpEncryption.Required, allowPlain: true, 42100);
        var (call, bobCall) = await ConnectAsync(alice, bob, SdpEncryption.Required, 41100, 42100);

        Assert.Equal(SipTransportKind.Udp, call.SignallingTransport);
        Assert.True(call.Media!.IsEncrypted && bobCall.Media!.IsEncrypted);
        Assert.Equal(call.Media.LocalCrypto!.Keys[0].KeySalt.ToArray(), bobCall.Media!.RemoteCrypto!.Keys[0].KeySalt.ToArray());
        Assert.Equal(bobCall.Media.LocalCrypto!.Keys[0].KeySalt.ToArray(), call.Media.RemoteCrypto!.Keys[0].KeySalt.ToArray());
        Assert.False(call.Media.LocalCrypto.Keys[0].KeySalt.SequenceEqual(call.Media.RemoteCrypto.Keys[0].KeySalt), "each direction has its own key");
        await call.HangUpAsync();
    }

    [Fact]
    public async Task IncomingCall_RequiredOverPlainSipNotAllowed_Refused488WithAWarningSayingWhy()
    {
        await using var alice = await StartAsync("1001", SdpEncryption.Optional, allowPlain: true, 41110);
        await using var bob = await StartAsync("1002", SdpEncryption.Required, allowPlain: false, 42110);
        var rang = false;
        bob.OnIncoming(_ => rang = true);

        Assert.True(alice.TryPlaceCall(Uri(bob), Media(SdpEncryption.Optional, 41110), out var call, out var reason), reason);
        var outcome = await call.Completion.WaitAsync(Timeout);

        Assert.Equal(488, outcome.StatusCode);
        Assert.Contains("399", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("SDES keys are not sent over unencrypted SIP (UDP)", outcome.Reason, StringComparison.Ordinal);
        Assert.False(rang);
    }

    [Fact]
    public async Task PlaceCall_RequiredOverPlainSipNotAllowed_FailsBeforeSendingWithTheReason()
    {
        await using var alice = await StartAsync("1001", SdpEncryption.Required, allowPlain: false, 41120);
        await using var bob = await StartAsync("1002", SdpEncryption.Off, allowPlain: false, 42120);
        var rang = false;
        bob.OnIncoming(_ => rang = true);

        Assert.True(alice.TryPlaceCall(Uri(bob), Media(SdpEncryption.Required, 41120), out var call, out var reason), reason);
        var outcome = await call.Completion.WaitAsync(Timeout);

        Assert.Equal(SipCallResult.Failed, outcome.Result);
        Assert.Contains("TLS signalling needed", outcome.Reason, StringComparison.Ordinal);
        Assert.False(rang);
    }

    [Fact]
    public async Task IncomingCall_RequiredAndAPlainOffer_Refused488NoCryptoLine()
    {
        await using var alice = await StartAsync("1001", SdpEncryption.Off, allowPlain: false, 41130);
        await using var bob = await StartAsync("1002", SdpEncryption.Required, allowPlain: true, 42130);

        Assert.True(alice.TryPlaceCall(Uri(bob), Media(SdpEncryption.Off, 41130), out var call, out var reason), reason);
        var outcome = await call.Completion.WaitAsync(Timeout);

        Assert.Equal(488, outcome.StatusCode);
        Assert.Contains("SRTP required: offer has no a=crypto line", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceCall_OptionalOverPlainSipNotAllowed_PlainRtpWithoutKeysInTheSdp()
    {
        await using var alice = await StartAsync("1001", SdpEncryption.Optional, allowPlain: false, 41140);
        await using var bob = await StartAsync("1002", SdpEncryption.Optional, allowPlain: false, 42140);
        var (call, bobCall) = await ConnectAsync(alice, bob, SdpEncryption.Optional, 41140, 42140);

        Assert.False(call.Media!.IsEncrypted);
        Assert.False(bobCall.Media!.IsEncrypted);
        await call.HangUpAsync();
    }

    [Fact]
    public async Task SetHold_ReInviteWithNewCryptoLines_BothSidesReKeyed()
    {
        await using var alice = await StartAsync("1001", SdpEncryption.Required, allowPlain: true, 41150);
        await using var bob = await StartAsync("1002", SdpEncryption.Required, allowPlain: true, 42150);
        var (call, bobCall) = await ConnectAsync(alice, bob, SdpEncryption.Required, 41150, 42150);
        var aliceFirst = call.Media!.LocalCrypto!;
        var bobFirst = bobCall.Media!.LocalCrypto!;

        Assert.True(await call.SetHoldAsync(true));
        await WaitAsync(() => bobCall.Media!.Direction == SdpDirection.RecvOnly);

        Assert.True(call.Media!.IsEncrypted && bobCall.Media!.IsEncrypted);
        Assert.False(call.Media.LocalCrypto!.Keys[0].KeySalt.SequenceEqual(aliceFirst.Keys[0].KeySalt), "the new offer has a new key");
        Assert.False(bobCall.Media.LocalCrypto!.Keys[0].KeySalt.SequenceEqual(bobFirst.Keys[0].KeySalt), "the new answer has a new key");
        Assert.Equal(call.Media.LocalCrypto.Keys[0].KeySalt.ToArray(), bobCall.Media.RemoteCrypto!.Keys[0].KeySalt.ToArray());
        await call.HangUpAsync();
    }
}
