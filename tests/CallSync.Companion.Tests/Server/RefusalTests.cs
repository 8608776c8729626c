using System.Buffers.Binary;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Security;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Server;

/// <summary>Every bad input closes only its own connection, with a logged reason; another companion keeps being served.</summary>
public sealed class RefusalTests
{
    private static async Task<(ServerFixture Fixture, CompanionCredentials Credentials, Client.CompanionClient Other)> StartAsync(CompanionLink link)
    {
        var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync("user-1");
        var other = await fixture.AuthenticatedAsync(await fixture.PairAsync("user-2"));
        return (fixture, credentials, other);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Authenticate_UnpairedCompanion_RefusedNotPaired(CompanionLink link)
    {
        var (fixture, _, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            await raw.SendAsync(new AuthRequest(new string('c', 32), PairingCrypto.NewNonce(), SessionFlags.None));

            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.NotPaired, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6009, "is not paired");
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Authenticate_WrongProof_RefusedAuthenticationFailed(CompanionLink link)
    {
        var (fixture, credentials, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            await raw.SendAsync(new AuthRequest(credentials.CompanionId, PairingCrypto.NewNonce(), SessionFlags.None));
            await raw.ReceiveAsync<AuthChallenge>();

            await raw.SendAsync(new AuthResponse(new byte[32]));
            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.AuthenticationFailed, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6009, "failed authentication (wrong long-term key)");
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task AuthenticateAsync_ClientWithWrongKey_DetectsPhoneProofMismatch(CompanionLink link)
    {
        var (fixture, credentials, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var client = await fixture.ConnectAsync();
            var forged = new CompanionCredentials { CompanionId = credentials.CompanionId, LongTermKey = new byte[32] };

            var error = await Assert.ThrowsAsync<CallSync.Companion.Protocol.CompanionProtocolException>(
                () => client.AuthenticateAsync(forged, null, ServerFixture.Timeout()));

            Assert.Equal(ErrorCode.AuthenticationFailed, error.Code);
            Assert.False(error.FromPeer);
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task SealedFrame_Tampered_RefusedIntegrityFailure(CompanionLink link)
    {
        var (fixture, credentials, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            await raw.AuthenticateAsync(credentials);
            byte[] frame = raw.Seal(MessageType.Ping, RawCompanion.PingPayload(1));
            frame[FrameDecoder.HeaderSize + SessionCipher.CounterSize + 3] ^= 0x40;

            await raw.SendRawAsync(frame);
            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.IntegrityFailure, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6010, "failed authentication (tampered");
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task SealedFrame_Replayed_RefusedReplayDetected(CompanionLink link)
    {
        var (fixture, credentials, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            await raw.AuthenticateAsync(credentials);
            byte[] frame = raw.Seal(MessageType.Ping, RawCompanion.PingPayload(7));
            await raw.SendRawAsync(frame);
            Assert.Equal(7UL, (await raw.ReceiveAsync<Pong>()).Token);

            await raw.SendRawAsync(frame);
            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.ReplayDetected, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6010, "replayed or reordered frame: counter 0, expected 1");
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Frame_OverOneMebibyte_RefusedFrameTooLarge(CompanionLink link)
    {
        var (fixture, _, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            byte[] header = new byte[FrameDecoder.HeaderSize + 16];
            BinaryPrimitives.WriteUInt32BigEndian(header, 2 * 1024 * 1024);
            header[4] = (byte)MessageType.Ping;

            await raw.SendRawAsync(header);
            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.FrameTooLarge, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6009, "frame length 2097152 exceeds the maximum of 1048576 bytes");
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Frame_UnknownTypeBeforeAuthentication_RefusedUnknownMessageType(CompanionLink link)
    {
        var (fixture, _, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            byte[] frame = new byte[FrameDecoder.HeaderSize + 3];
            FrameWriter.TryWrite(frame, (MessageType)0x9A, new byte[] { 1, 2, 3 }, out _);

            await raw.SendRawAsync(frame);
            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.UnknownMessageType, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6009, "unknown message type 0x9A");
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task SealedFrame_UnknownInnerType_RefusedUnknownMessageType(CompanionLink link)
    {
        var (fixture, credentials, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            await raw.AuthenticateAsync(credentials);

            await raw.SendRawAsync(raw.Seal((MessageType)0xEE, [1]));
            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.UnknownMessageType, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6010, "unknown message type 0xEE");
            await other.PingAsync(ServerFixture.Timeout());
        }
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Hello_NoCommonVersion_RefusedUnsupportedVersion(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        await using var raw = await RawCompanion.ConnectAsync(fixture, hello: false);

        await raw.SendAsync(new Hello(5, 9, "future"));
        var refusal = await raw.ExpectRefusalAsync();

        Assert.Equal(ErrorCode.UnsupportedVersion, refusal.Code);
        await fixture.Logger.WaitForEventAsync(6009, "no common protocol version");
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Frame_ClearAfterAuthentication_Refused(CompanionLink link)
    {
        var (fixture, credentials, other) = await StartAsync(link);
        await using (fixture)
        await using (other)
        {
            await using var raw = await RawCompanion.ConnectAsync(fixture);
            await raw.AuthenticateAsync(credentials);
            byte[] frame = new byte[FrameDecoder.HeaderSize + 8];
            FrameWriter.TryWrite(frame, MessageType.Ping, RawCompanion.PingPayload(3), out _);

            await raw.SendRawAsync(frame);
            var refusal = await raw.ExpectRefusalAsync();

            Assert.Equal(ErrorCode.UnexpectedMessage, refusal.Code);
            await fixture.Logger.WaitForEventAsync(6010, "clear frame of type 0x30 after authentication");
        }
    }
}
