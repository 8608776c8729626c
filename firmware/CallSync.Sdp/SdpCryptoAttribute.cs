using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace CallSync.Sdp;

/// <summary>
/// An SDES <c>a=crypto</c> value (RFC 4568 section 9.1):
/// <c>&lt;tag&gt; &lt;crypto-suite&gt; inline:&lt;key||salt&gt;[|lifetime][|MKI:length][;inline:...] [session-param ...]</c>.
/// The suite is kept as written: which suites exist and how long their keys are is the SRTP layer's business.
/// <see cref="ToString"/> never shows key material; <see cref="ToAttributeValue"/> does (it is for the SDP only,
/// which must then travel over TLS).
/// </summary>
public sealed class SdpCryptoAttribute
{
    /// <summary>The attribute name, <c>crypto</c>.</summary>
    public const string AttributeName = "crypto";

    /// <summary>Longest value parsed; real lines are under 150 characters.</summary>
    public const int MaxValueLength = 1024;

    /// <summary>Most key parameters (several master keys, told apart by MKI) in one line.</summary>
    public const int MaxKeys = 8;

    /// <summary>Most session parameters in one line.</summary>
    public const int MaxSessionParameters = 16;

    /// <summary>Creates an attribute.</summary>
    /// <exception cref="ArgumentException">The tag is outside 0-999999999, the suite is not letters, digits and '_', or there is no key.</exception>
    public SdpCryptoAttribute(int tag, string suite, IReadOnlyList<SdpCryptoKey> keys, IReadOnlyList<string>? sessionParameters = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, 999_999_999);
        if (!IsSuiteName(suite))
        {
            throw new ArgumentException($"'{suite}' is not a crypto-suite token", nameof(suite));
        }

        if (keys.Count is 0 or > MaxKeys)
        {
            throw new ArgumentException($"1-{MaxKeys} keys", nameof(keys));
        }

        Tag = tag;
        Suite = suite;
        Keys = [.. keys];
        SessionParameters = sessionParameters is null ? [] : [.. sessionParameters];
    }

    /// <summary>The tag that the answer echoes to say which offered line it chose.</summary>
    public int Tag { get; }

    /// <summary>The crypto-suite name as written, e.g. <c>AES_CM_128_HMAC_SHA1_80</c>.</summary>
    public string Suite { get; }

    /// <summary>The key parameters (one, unless the peer uses several keys told apart by MKI).</summary>
    public IReadOnlyList<SdpCryptoKey> Keys { get; }

    /// <summary>Session parameters as written (<c>KDR=</c>, <c>UNENCRYPTED_SRTP</c>, <c>WSH=</c>...).</summary>
    public IReadOnlyList<string> SessionParameters { get; }

    /// <summary>
    /// True when every session parameter keeps the defaults of RFC 3711 (encrypted and authenticated SRTP and
    /// SRTCP, key derivation rate 0, no FEC ordering): none at all, <c>KDR=0</c>, or a <c>WSH=</c> window hint.
    /// A line with any other is not acceptable to an SRTP layer that implements only the defaults
    /// (RFC 4568 section 6.3: a parameter not understood makes the line unusable).
    /// </summary>
    public bool HasOnlyDefaultSessionParameters =>
        SessionParameters.All(p => p == "KDR=0" || p.StartsWith("WSH=", StringComparison.Ordinal));

    /// <summary>
    /// A line with a fresh key from the operating system's CSPRNG: one per call and per direction, never reused.
    /// </summary>
    /// <param name="tag">The tag.</param>
    /// <param name="suite">The suite name.</param>
    /// <param name="keySaltLength">Bytes of master key plus master salt the suite needs (30 for the AES-128 counter-mode suites).</param>
    public static SdpCryptoAttribute CreateWithRandomKey(int tag, string suite, int keySaltLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keySaltLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keySaltLength, SdpCryptoKey.MaxKeySaltLength);
        Span<byte> keySalt = stackalloc byte[keySaltLength];
        RandomNumberGenerator.Fill(keySalt);
        try
        {
            return new SdpCryptoAttribute(tag, suite, [new SdpCryptoKey(keySalt)]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keySalt);
        }
    }

    /// <summary>
    /// Parses the value after <c>a=crypto:</c>. Never throws: false with a one-line reason when the value does
    /// not follow the grammar, exceeds the size caps, or uses a key method other than <c>inline</c>.
    /// </summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpCryptoAttribute? crypto, [NotNullWhen(false)] out string? reason)
    {
        crypto = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxValueLength)
        {
            reason = $"empty or longer than {MaxValueLength} characters";
            return false;
        }

        string[] fields = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3 || fields.Length > 3 + MaxSessionParameters)
        {
            reason = "not <tag> <crypto-suite> <key-params> [session-params]";
            return false;
        }

        if (fields[0].Length > 9 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int tag))
        {
            reason = "tag is not 1-9 digits";
            return false;
        }

        if (!IsSuiteName(fields[1]))
        {
            reason = "crypto-suite is not letters, digits and '_'";
            return false;
        }

        string[] keyParameters = fields[2].Split(';');
        if (keyParameters.Length > MaxKeys)
        {
            reason = $"more than {MaxKeys} keys";
            return false;
        }

        var keys = new List<SdpCryptoKey>(keyParameters.Length);
        foreach (string keyParameter in keyParameters)
        {
            if (!SdpCryptoKey.TryParse(keyParameter, out SdpCryptoKey? key, out reason))
            {
                return false;
            }

            keys.Add(key);
        }

        // Several keys must be told apart by their MKI (RFC 4568 section 6.1).
        if (keys.Count > 1 && keys.Any(k => k.MkiLength == 0))
        {
            reason = "several keys without an MKI each";
            return false;
        }

        for (int i = 3; i < fields.Length; i++)
        {
            if (!fields[i].All(c => c is > ' ' and < '\x7F'))
            {
                reason = "session parameter is not visible ASCII";
                return false;
            }
        }

        crypto = new SdpCryptoAttribute(tag, fields[1], keys, fields[3..]);
        reason = null;
        return true;
    }

    /// <summary>The value as written after <c>a=crypto:</c> (contains the key).</summary>
    public string ToAttributeValue()
    {
        string value = Tag.ToString(CultureInfo.InvariantCulture) + " " + Suite + " " + string.Join(';', Keys.Select(k => k.ToKeyParameter()));
        return SessionParameters.Count == 0 ? value : value + " " + string.Join(' ', SessionParameters);
    }

    /// <summary>Describes the line without key material.</summary>
    public override string ToString() =>
        $"{Tag} {Suite} {string.Join(';', Keys)}" + (SessionParameters.Count == 0 ? string.Empty : " " + string.Join(' ', SessionParameters));

    private static bool IsSuiteName(string suite) => suite.Length > 0 && suite.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
