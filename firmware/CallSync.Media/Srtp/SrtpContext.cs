using System.Security.Cryptography;

namespace CallSync.Media.Srtp;

/// <summary>
/// One SRTP master key (RFC 3711) with its session keys and per-SSRC state: protects and unprotects RTP and
/// RTCP packets in place. Create one per direction from that direction's SDES key (RFC 4568); re-keying is a
/// new context. Key derivation rate 0; replay window 128 packets; up to 8 sources per packet kind.
/// <para>
/// Keys never leave it: the key material is copied into the AES and HMAC objects at creation and nothing
/// exposes or logs it. Expected failures (tampered, replayed, truncated packets) return a
/// <see cref="SrtpResult"/>, never an exception, and leave the packet untouched. RTP calls are serialised with
/// each other, as are RTCP calls; the two kinds have separate keys and state and may run on different threads.
/// Nothing is allocated per packet.
/// </para>
/// </summary>
public sealed partial class SrtpContext : IDisposable
{
    private const int MaxSources = 8;

    /// <summary>SRTCP indexes are 31 bits (RFC 3711 section 3.4).</summary>
    private const ulong RtcpIndexLimit = 1UL << 31;

    private readonly AesCounterKeystream _prf;
    private readonly SrtpCipher _rtpCipher;
    private readonly SrtpCipher _rtcpCipher;
    private readonly SrtpStreamTable _rtpStreams = new(MaxSources);
    private readonly SrtpStreamTable _rtcpStreams = new(MaxSources);
    private readonly Lock _rtpLock = new();
    private readonly Lock _rtcpLock = new();
    private readonly byte[] _mki;
    private readonly int _rtpTagLength;
    private readonly int _rtcpTagLength;
    private readonly ulong _maxPackets;
    private ulong _rtpPackets;
    private ulong _rtcpPackets;
    private bool _disposed;

    private SrtpContext(SrtpSuite suite, ReadOnlySpan<byte> keySalt, SrtpContextOptions options)
    {
        Suite = suite;
        _mki = options.Mki.ToArray();
        _rtpTagLength = SrtpSuites.GetRtpTagLength(suite);
        _rtcpTagLength = SrtpSuites.GetRtcpTagLength(suite);
        _maxPackets = options.MaxPackets ?? ulong.MaxValue;
        ReadOnlySpan<byte> salt = keySalt.Slice(SrtpSuites.MasterKeyLength, SrtpSuites.MasterSaltLength);
        _prf = new AesCounterKeystream(keySalt[..SrtpSuites.MasterKeyLength]);
        _rtpCipher = new SrtpCipher(_prf, salt, SrtpKeyDerivation.RtpEncryptionLabel, SrtpKeyDerivation.RtpAuthenticationLabel, SrtpKeyDerivation.RtpSaltLabel);
        _rtcpCipher = new SrtpCipher(_prf, salt, SrtpKeyDerivation.RtcpEncryptionLabel, SrtpKeyDerivation.RtcpAuthenticationLabel, SrtpKeyDerivation.RtcpSaltLabel);
    }

    /// <summary>The crypto suite.</summary>
    public SrtpSuite Suite { get; }

    /// <summary>Bytes <see cref="TryProtect"/> appends to an RTP packet (MKI and tag): the buffer must have this room.</summary>
    public int RtpOverhead => _mki.Length + _rtpTagLength;

    /// <summary>Bytes <see cref="TryProtectRtcp"/> appends to an RTCP packet (SRTCP index, MKI and tag).</summary>
    public int RtcpOverhead => SrtpPacket.RtcpIndexLength + _mki.Length + _rtcpTagLength;

    /// <summary>Creates a context from the master key followed by the master salt, as SDES carries them.</summary>
    /// <exception cref="ArgumentException">The key material is not <see cref="SrtpSuites.KeySaltLength"/> bytes, or the MKI is longer than 128 bytes.</exception>
    public static SrtpContext Create(SrtpSuite suite, ReadOnlySpan<byte> keySalt, SrtpContextOptions? options = null)
    {
        options ??= new SrtpContextOptions();
        if (keySalt.Length != SrtpSuites.KeySaltLength)
        {
            throw new ArgumentException($"{SrtpSuites.GetName(suite)} needs {SrtpSuites.KeySaltLength} bytes of key and salt, got {keySalt.Length}", nameof(keySalt));
        }

        if (options.Mki.Length > SrtpContextOptions.MaxMkiLength)
        {
            throw new ArgumentException($"MKI of {options.Mki.Length} bytes; at most {SrtpContextOptions.MaxMkiLength}", nameof(options));
        }

        return new SrtpContext(suite, keySalt, options);
    }

    /// <summary>
    /// Creates a context from what a peer's SDES line offered: <see cref="SrtpResult.UnknownSuite"/> for a suite
    /// not implemented, <see cref="SrtpResult.InvalidKey"/> for key material or an MKI of the wrong length.
    /// </summary>
    public static SrtpResult TryCreate(string suiteName, ReadOnlySpan<byte> keySalt, SrtpContextOptions? options, out SrtpContext? context)
    {
        ArgumentNullException.ThrowIfNull(suiteName);
        context = null;
        if (!SrtpSuites.TryParse(suiteName, out SrtpSuite suite))
        {
            return SrtpResult.UnknownSuite;
        }

        options ??= new SrtpContextOptions();
        if (keySalt.Length != SrtpSuites.KeySaltLength || options.Mki.Length > SrtpContextOptions.MaxMkiLength)
        {
            return SrtpResult.InvalidKey;
        }

        context = new SrtpContext(suite, keySalt, options);
        return SrtpResult.Ok;
    }

    /// <summary>Releases the session keys (the AES and HMAC objects).</summary>
    public void Dispose()
    {
        lock (_rtpLock)
        {
            lock (_rtcpLock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _rtpCipher.Dispose();
                _rtcpCipher.Dispose();
                _prf.Dispose();
                CryptographicOperations.ZeroMemory(_mki);
            }
        }
    }

    private static void CheckLength(Span<byte> packet, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, packet.Length);
    }

    /// <summary>
    /// The checks before a received packet is decrypted, cheapest first: replay window, MKI, then the tag over
    /// <c>packet[..authenticatedLength]</c> followed by <paramref name="suffix"/> (SRTP's ROC).
    /// </summary>
    private SrtpResult Authenticate(
        SrtpCipher cipher, in SrtpReplayWindow window, ulong index, ReadOnlySpan<byte> packet, int authenticatedLength, int tagLength, ReadOnlySpan<byte> suffix)
    {
        SrtpResult replay = window.Check(index);
        if (replay != SrtpResult.Ok)
        {
            return replay;
        }

        if (!packet.Slice(authenticatedLength, _mki.Length).SequenceEqual(_mki))
        {
            return SrtpResult.UnknownMki;
        }

        return cipher.Verify(packet[..authenticatedLength], suffix, packet.Slice(authenticatedLength + _mki.Length, tagLength))
            ? SrtpResult.Ok
            : SrtpResult.AuthenticationFailed;
    }
}
