using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace CallSync.Sdp;

/// <summary>
/// One SDES key parameter (RFC 4568 section 6.1): <c>inline:&lt;base64 key||salt&gt;[|lifetime][|MKI:length]</c>.
/// <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class SdpCryptoKey
{
    /// <summary>Largest key||salt accepted, in bytes (AES-256 suites need 46).</summary>
    public const int MaxKeySaltLength = 64;

    /// <summary>Largest MKI length SDES allows, in bytes.</summary>
    public const int MaxMkiLength = 128;

    private readonly byte[] _keySalt;

    /// <summary>Creates a key parameter.</summary>
    /// <param name="keySalt">The master key followed by the master salt (copied).</param>
    /// <param name="lifetime">Packets the key may protect, or null when not stated.</param>
    /// <param name="mkiValue">The MKI value, meaningful when <paramref name="mkiLength"/> is not 0.</param>
    /// <param name="mkiLength">The MKI length in bytes (1-128), or 0 for no MKI.</param>
    /// <exception cref="ArgumentException">The key is empty or too long, the lifetime is 0, or the MKI does not fit its length.</exception>
    public SdpCryptoKey(ReadOnlySpan<byte> keySalt, ulong? lifetime = null, ulong mkiValue = 0, int mkiLength = 0)
    {
        if (keySalt.IsEmpty || keySalt.Length > MaxKeySaltLength)
        {
            throw new ArgumentException($"key||salt must be 1-{MaxKeySaltLength} bytes", nameof(keySalt));
        }

        if (lifetime == 0)
        {
            throw new ArgumentException("a stated lifetime is at least 1 packet", nameof(lifetime));
        }

        if (!MkiFits(mkiValue, mkiLength))
        {
            throw new ArgumentException($"MKI {mkiValue} does not fit in {mkiLength} bytes (0-{MaxMkiLength})", nameof(mkiLength));
        }

        _keySalt = keySalt.ToArray();
        Lifetime = lifetime;
        MkiValue = mkiLength == 0 ? 0 : mkiValue;
        MkiLength = mkiLength;
    }

    /// <summary>The master key followed by the master salt.</summary>
    public ReadOnlySpan<byte> KeySalt => _keySalt;

    /// <summary>The key's lifetime in packets, or null when the line does not state one.</summary>
    public ulong? Lifetime { get; }

    /// <summary>The MKI value (0 when <see cref="MkiLength"/> is 0).</summary>
    public ulong MkiValue { get; }

    /// <summary>The MKI length in bytes; 0 when the packets carry no MKI.</summary>
    public int MkiLength { get; }

    /// <summary>The key parameter as written on the wire (contains the key: for the SDP only).</summary>
    public string ToKeyParameter()
    {
        string text = "inline:" + Convert.ToBase64String(_keySalt);
        if (Lifetime is ulong lifetime)
        {
            text += BitOperations.IsPow2(lifetime)
                ? "|2^" + BitOperations.Log2(lifetime).ToString(CultureInfo.InvariantCulture)
                : "|" + lifetime.ToString(CultureInfo.InvariantCulture);
        }

        if (MkiLength != 0)
        {
            text += "|" + MkiValue.ToString(CultureInfo.InvariantCulture) + ":" + MkiLength.ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>Describes the key without its material.</summary>
    public override string ToString() =>
        $"inline:<{_keySalt.Length} bytes>" + (Lifetime is ulong l ? "|" + l.ToString(CultureInfo.InvariantCulture) : string.Empty)
        + (MkiLength != 0 ? $"|{MkiValue}:{MkiLength}" : string.Empty);

    /// <summary>Parses one key parameter; false with a reason when it does not follow RFC 4568 section 9.1.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SdpCryptoKey? key, [NotNullWhen(false)] out string? reason)
    {
        key = null;
        const string Method = "inline:";
        if (!text.StartsWith(Method, StringComparison.Ordinal))
        {
            reason = "key method is not inline";
            return false;
        }

        text = text[Method.Length..];
        int bar = text.IndexOf('|');
        Span<byte> keySalt = stackalloc byte[MaxKeySaltLength];
        if (!TryDecodeBase64(bar < 0 ? text : text[..bar], keySalt, out int keyLength))
        {
            reason = "key is not base64 of 1-64 bytes";
            return false;
        }

        ulong? lifetime = null;
        ulong mkiValue = 0;
        int mkiLength = 0;
        if (bar >= 0 && !TryParseLifetimeAndMki(text[(bar + 1)..], out lifetime, out mkiValue, out mkiLength, out reason))
        {
            return false;
        }

        key = new SdpCryptoKey(keySalt[..keyLength], lifetime, mkiValue, mkiLength);
        keySalt.Clear();
        reason = null;
        return true;
    }

    /// <summary>The parts after the key: a lifetime, then an MKI (the part with a colon), each at most once.</summary>
    private static bool TryParseLifetimeAndMki(ReadOnlySpan<char> rest, out ulong? lifetime, out ulong mkiValue, out int mkiLength, [NotNullWhen(false)] out string? reason)
    {
        lifetime = null;
        mkiValue = 0;
        mkiLength = 0;
        foreach (Range range in rest.Split('|'))
        {
            ReadOnlySpan<char> part = rest[range];
            int colon = part.IndexOf(':');
            if (colon >= 0)
            {
                if (mkiLength != 0 || !TryParseMki(part[..colon], part[(colon + 1)..], out mkiValue, out mkiLength))
                {
                    reason = "MKI is not <value>:<length 1-128> with the value fitting its length";
                    return false;
                }
            }
            else if (mkiLength != 0 || lifetime is not null || !TryParseLifetime(part, out ulong parsed))
            {
                reason = "lifetime is not a number or 2^<number> before the MKI";
                return false;
            }
            else
            {
                lifetime = parsed;
            }
        }

        reason = null;
        return true;
    }

    private static bool TryDecodeBase64(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.IsEmpty || text.Length > 4 * ((MaxKeySaltLength + 2) / 3))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/' or '='))
            {
                return false;
            }
        }

        // Some peers leave out the '=' padding; restore it so the strict decoder accepts the text.
        Span<char> padded = stackalloc char[text.Length + 3];
        text.CopyTo(padded);
        int length = text.Length;
        while (length % 4 != 0)
        {
            padded[length++] = '=';
        }

        return Convert.TryFromBase64Chars(padded[..length], destination, out written) && written > 0;
    }

    private static bool TryParseLifetime(ReadOnlySpan<char> text, out ulong lifetime)
    {
        lifetime = 0;
        if (text.StartsWith("2^", StringComparison.Ordinal))
        {
            if (!byte.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out byte exponent) || exponent > 63)
            {
                return false;
            }

            lifetime = 1UL << exponent;
            return true;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out lifetime) && lifetime > 0;
    }

    private static bool TryParseMki(ReadOnlySpan<char> valueText, ReadOnlySpan<char> lengthText, out ulong value, out int length)
    {
        length = 0;
        return ulong.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && lengthText.Length is >= 1 and <= 3
            && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length)
            && length >= 1
            && MkiFits(value, length);
    }

    private static bool MkiFits(ulong value, int length) =>
        length is >= 0 and <= MaxMkiLength && (length >= 8 || value >> (8 * length) == 0);
}
