using System.Security.Cryptography;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Security;

namespace CallSync.Companion.Tests.Security;

public sealed class SessionCipherTests
{
    private static readonly byte[] C2P = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] P2C = RandomNumberGenerator.GetBytes(32);

    private static byte[] Seal(SessionCipher cipher, byte[] inner)
    {
        byte[] frame = new byte[FrameDecoder.HeaderSize + SessionCipher.SealedSize(inner.Length)];
        FrameWriter.TryWriteHeader(frame, MessageType.Sealed, frame.Length - FrameDecoder.HeaderSize);
        cipher.Seal(frame.AsSpan(0, 5), inner, frame.AsSpan(5));
        return frame;
    }

    private static bool Open(SessionCipher cipher, byte[] frame, out byte[] inner, out ErrorCode code)
    {
        inner = new byte[frame.Length - 5 - SessionCipher.CounterSize - SessionCipher.TagSize];
        return cipher.TryOpen(frame.AsSpan(0, 5), frame.AsSpan(5), inner, out code, out _);
    }

    [Fact]
    public void Open_FramesInOrder_ReturnsPlaintext()
    {
        using var companion = new SessionCipher(C2P, P2C, isPhone: false);
        using var phone = new SessionCipher(P2C, C2P, isPhone: true);
        for (int i = 0; i < 3; i++)
        {
            byte[] inner = [(byte)MessageType.Ping, (byte)i, 2, 3];
            Assert.True(Open(phone, Seal(companion, inner), out byte[] opened, out _));
            Assert.Equal(inner, opened);
        }
    }

    [Fact]
    public void Open_FlippedCiphertextBit_IsIntegrityFailure()
    {
        using var companion = new SessionCipher(C2P, P2C, isPhone: false);
        using var phone = new SessionCipher(P2C, C2P, isPhone: true);
        byte[] frame = Seal(companion, [(byte)MessageType.Ping, 1, 2, 3]);
        frame[5 + SessionCipher.CounterSize] ^= 0x01;

        Assert.False(Open(phone, frame, out _, out var code));
        Assert.Equal(ErrorCode.IntegrityFailure, code);
    }

    [Fact]
    public void Open_ReplayedFrame_IsReplayDetected()
    {
        using var companion = new SessionCipher(C2P, P2C, isPhone: false);
        using var phone = new SessionCipher(P2C, C2P, isPhone: true);
        byte[] frame = Seal(companion, [(byte)MessageType.Ping, 1]);
        Assert.True(Open(phone, frame, out _, out _));

        Assert.False(Open(phone, frame, out _, out var code));
        Assert.Equal(ErrorCode.ReplayDetected, code);
    }

    [Fact]
    public void Open_ReorderedFrames_IsReplayDetected()
    {
        using var companion = new SessionCipher(C2P, P2C, isPhone: false);
        using var phone = new SessionCipher(P2C, C2P, isPhone: true);
        byte[] first = Seal(companion, [(byte)MessageType.Ping, 1]);
        byte[] second = Seal(companion, [(byte)MessageType.Ping, 2]);

        Assert.False(Open(phone, second, out _, out var code));
        Assert.Equal(ErrorCode.ReplayDetected, code);
        Assert.True(Open(phone, first, out _, out _));
    }

    [Fact]
    public void Open_OwnDirectionReflected_IsIntegrityFailure()
    {
        using var companion = new SessionCipher(C2P, P2C, isPhone: false);
        using var companionReceiver = new SessionCipher(C2P, C2P, isPhone: false);
        byte[] frame = Seal(companion, [(byte)MessageType.Ping, 1]);

        Assert.False(Open(companionReceiver, frame, out _, out var code));
        Assert.Equal(ErrorCode.IntegrityFailure, code);
    }
}
