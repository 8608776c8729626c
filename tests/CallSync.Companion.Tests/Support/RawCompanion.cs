using System.Buffers.Binary;
using System.Net.Sockets;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;
using CallSync.Companion.Security;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// A companion that speaks the wire format by hand, so tests can send what a correct client never would:
/// tampered, replayed, oversized and unknown frames.
/// </summary>
public sealed class RawCompanion : IAsyncDisposable
{
    private SessionCipher? _sender;

    private RawCompanion(FrameConnection connection) => Connection = connection;

    public FrameConnection Connection { get; }

    public static async Task<RawCompanion> ConnectAsync(ServerFixture fixture, bool hello = true)
    {
        var stream = await fixture.OpenStreamAsync();
        var raw = new RawCompanion(new FrameConnection(stream));
        if (hello)
        {
            await raw.SendAsync(new Hello(1, 1, "raw"));
            await raw.ReceiveAsync<HelloAccept>();
        }

        return raw;
    }

    /// <summary>Authenticates by hand; afterwards received frames are opened by the connection and sends go through <see cref="SealAsync"/>.</summary>
    public async Task AuthenticateAsync(CompanionCredentials credentials)
    {
        byte[] nonce = PairingCrypto.NewNonce();
        await SendAsync(new AuthRequest(credentials.CompanionId, nonce, SessionFlags.None));
        var challenge = await ReceiveAsync<AuthChallenge>();
        await SendAsync(new AuthResponse(PairingCrypto.AuthProof(credentials.LongTermKey, false, credentials.CompanionId, nonce, challenge.Nonce)));
        var (c2p, p2c) = PairingCrypto.DeriveSessionKeys(credentials.LongTermKey, nonce, challenge.Nonce);
        Connection.EnableEncryption(c2p, p2c, isPhone: false);
        _sender = new SessionCipher(c2p, p2c, isPhone: false);
        await ReceiveAsync<AuthOk>();
    }

    public ValueTask SendAsync<T>(T message)
        where T : ICompanionMessage<T> => Connection.SendAsync(message, ServerFixture.Timeout());

    public ValueTask SendRawAsync(byte[] bytes) => Connection.SendRawAsync(bytes, ServerFixture.Timeout());

    /// <summary>Builds a sealed frame carrying <paramref name="innerType"/> and <paramref name="payload"/> with the next counter.</summary>
    public byte[] Seal(MessageType innerType, ReadOnlySpan<byte> payload)
    {
        byte[] inner = [(byte)innerType, .. payload];
        int sealedSize = SessionCipher.SealedSize(inner.Length);
        byte[] frame = new byte[FrameDecoder.HeaderSize + sealedSize];
        FrameWriter.TryWriteHeader(frame, MessageType.Sealed, sealedSize);
        _sender!.Seal(frame.AsSpan(0, FrameDecoder.HeaderSize), inner, frame.AsSpan(FrameDecoder.HeaderSize));
        return frame;
    }

    public static byte[] PingPayload(ulong token)
    {
        byte[] payload = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(payload, token);
        return payload;
    }

    public async Task<T> ReceiveAsync<T>()
        where T : ICompanionMessage<T>
    {
        var message = await Connection.ReceiveAsync(ServerFixture.Timeout());
        Assert.NotNull(message);
        if (message.Value.Type == MessageType.Error && T.Type != MessageType.Error)
        {
            Assert.True(ErrorMessage.TryRead(message.Value.Payload, out var error));
            Assert.Fail($"expected {T.Type}, phone refused: {error.Code} {error.Reason}");
        }

        Assert.Equal(T.Type, message.Value.Type);
        Assert.True(T.TryRead(message.Value.Payload, out var parsed));
        return parsed;
    }

    /// <summary>The phone's Error message, then the closed connection.</summary>
    public async Task<ErrorMessage> ExpectRefusalAsync()
    {
        var error = await ReceiveAsync<ErrorMessage>();
        try
        {
            Assert.Null(await Connection.ReceiveAsync(ServerFixture.Timeout()));
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // A reset is as closed as an orderly close.
        }

        return error;
    }

    public async ValueTask DisposeAsync()
    {
        _sender?.Dispose();
        await Connection.DisposeAsync();
    }
}
