using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace CallSync.Media.Srtp;

/// <summary>
/// AES-128 in counter mode (RFC 3711 section 4.1.1) on System.Security.Cryptography: the counter blocks
/// IV, IV + 1, ... are encrypted with one reused AES-ECB transform (OpenSSL, AES-NI where the CPU has it) and
/// the keystream is XORed into the data. SRTP IVs have their low 16 bits zero and a packet needs fewer than
/// 2^16 blocks, so the counter never carries out of the low 64 bits. Buffers are allocated once; a call
/// allocates nothing. Not thread-safe: the owner serialises calls.
/// </summary>
internal sealed class AesCounterKeystream : IDisposable
{
    private const int BlockLength = 16;

    // 1 KiB per native call: an RTP packet of up to ~1 KiB (any voice frame) is one call; larger ones loop.
    private const int BlocksPerCall = 64;

    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counters = new byte[BlocksPerCall * BlockLength];
    private readonly byte[] _keystream = new byte[BlocksPerCall * BlockLength];

    public AesCounterKeystream(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.SetKey(key);
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>XORs <paramref name="data"/> with the keystream that starts at the counter block (<paramref name="ivHigh"/>, <paramref name="ivLow"/>).</summary>
    public void Apply(ulong ivHigh, ulong ivLow, Span<byte> data)
    {
        ulong counter = ivLow;
        while (!data.IsEmpty)
        {
            int bytes = Math.Min(data.Length, _keystream.Length);
            int blocks = (bytes + BlockLength - 1) / BlockLength;
            Span<byte> counters = _counters.AsSpan(0, blocks * BlockLength);
            for (int offset = 0; offset < counters.Length; offset += BlockLength)
            {
                BinaryPrimitives.WriteUInt64BigEndian(counters.Slice(offset, 8), ivHigh);
                BinaryPrimitives.WriteUInt64BigEndian(counters.Slice(offset + 8, 8), counter++);
            }

            _ecb.TransformBlock(_counters, 0, counters.Length, _keystream, 0);
            Xor(data[..bytes], _keystream);
            data = data[bytes..];
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_keystream);
        _ecb.Dispose();
        _aes.Dispose();
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int i = 0;
        for (; i + Vector128<byte>.Count <= data.Length; i += Vector128<byte>.Count)
        {
            Span<byte> chunk = data.Slice(i, Vector128<byte>.Count);
            (Vector128.Create((ReadOnlySpan<byte>)chunk) ^ Vector128.Create(keystream.Slice(i, Vector128<byte>.Count))).CopyTo(chunk);
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }
}
