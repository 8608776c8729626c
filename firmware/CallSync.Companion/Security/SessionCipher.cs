using System.Buffers.Binary;
using System.Security.Cryptography;
using CallSync.Companion.Messages;

namespace CallSync.Companion.Security;

/// <summary>
/// AES-256-GCM for one authenticated session. A sealed payload is <c>counter u64 || ciphertext || tag(16)</c>;
/// the nonce is a 4-byte direction id then the counter; the AAD is the 5-byte frame header then the counter.
/// Each direction's counter starts at 0 and must arrive in order, so replayed, reordered or dropped frames are refused.
/// </summary>
internal sealed class SessionCipher : IDisposable
{
    public const int CounterSize = 8;
    public const int TagSize = 16;
    public const uint CompanionToPhone = 1;
    public const uint PhoneToCompanion = 2;

    private readonly AesGcm _send;
    private readonly AesGcm _receive;
    private readonly uint _sendDirection;
    private readonly uint _receiveDirection;
    private ulong _sendCounter;
    private ulong _receiveCounter;

    public SessionCipher(byte[] sendKey, byte[] receiveKey, bool isPhone)
    {
        _send = new AesGcm(sendKey, TagSize);
        _receive = new AesGcm(receiveKey, TagSize);
        _sendDirection = isPhone ? PhoneToCompanion : CompanionToPhone;
        _receiveDirection = isPhone ? CompanionToPhone : PhoneToCompanion;
    }

    public static int SealedSize(int innerLength) => CounterSize + innerLength + TagSize;

    /// <summary>Seals <paramref name="inner"/> (type byte + payload) into <paramref name="destination"/>. Callers serialise sends.</summary>
    public void Seal(ReadOnlySpan<byte> header, ReadOnlySpan<byte> inner, Span<byte> destination)
    {
        ulong counter = _sendCounter++;
        BinaryPrimitives.WriteUInt64BigEndian(destination, counter);
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[13];
        BuildNonce(nonce, _sendDirection, counter);
        header[..5].CopyTo(aad);
        destination[..CounterSize].CopyTo(aad[5..]);
        _send.Encrypt(
            nonce,
            inner,
            destination.Slice(CounterSize, inner.Length),
            destination.Slice(CounterSize + inner.Length, TagSize),
            aad);
    }

    /// <summary>Opens a sealed payload into <paramref name="inner"/>; on failure says why and which error code applies.</summary>
    public bool TryOpen(ReadOnlySpan<byte> header, ReadOnlySpan<byte> sealedPayload, Span<byte> inner, out ErrorCode code, out string? error)
    {
        code = default;
        error = null;
        if (sealedPayload.Length < CounterSize + 1 + TagSize)
        {
            code = ErrorCode.MalformedFrame;
            error = $"sealed frame of {sealedPayload.Length} bytes is shorter than counter, type and tag";
            return false;
        }

        ulong counter = BinaryPrimitives.ReadUInt64BigEndian(sealedPayload);
        if (counter != _receiveCounter)
        {
            code = ErrorCode.ReplayDetected;
            error = counter < _receiveCounter
                ? $"replayed or reordered frame: counter {counter}, expected {_receiveCounter}"
                : $"frame counter {counter} skips ahead of expected {_receiveCounter} (dropped or reordered frame)";
            return false;
        }

        int innerLength = sealedPayload.Length - CounterSize - TagSize;
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[13];
        BuildNonce(nonce, _receiveDirection, counter);
        header[..5].CopyTo(aad);
        sealedPayload[..CounterSize].CopyTo(aad[5..]);
        try
        {
            _receive.Decrypt(
                nonce,
                sealedPayload.Slice(CounterSize, innerLength),
                sealedPayload.Slice(CounterSize + innerLength, TagSize),
                inner[..innerLength],
                aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            code = ErrorCode.IntegrityFailure;
            error = $"sealed frame {counter} failed authentication (tampered or wrong key)";
            return false;
        }

        _receiveCounter++;
        return true;
    }

    public void Dispose()
    {
        _send.Dispose();
        _receive.Dispose();
    }

    private static void BuildNonce(Span<byte> nonce, uint direction, ulong counter)
    {
        BinaryPrimitives.WriteUInt32BigEndian(nonce, direction);
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], counter);
    }
}
