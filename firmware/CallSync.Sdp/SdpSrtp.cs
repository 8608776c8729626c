namespace CallSync.Sdp;

/// <summary>
/// The SDES crypto suites the offer/answer code keys (RFC 4568 section 6.2) and the secure RTP profile. The SRTP
/// layer owns the cipher; this table only says how much key material each suite's <c>inline:</c> carries.
/// </summary>
public static class SdpSrtp
{
    /// <summary><c>AES_CM_128_HMAC_SHA1_80</c>: AES-128 counter mode, 80-bit HMAC-SHA1 tag (RFC 4568 section 6.2.1).</summary>
    public const string AesCm128HmacSha1Tag80 = "AES_CM_128_HMAC_SHA1_80";

    /// <summary><c>AES_CM_128_HMAC_SHA1_32</c>: as the 80-bit suite with a 32-bit SRTP tag (RFC 4568 section 6.2.2).</summary>
    public const string AesCm128HmacSha1Tag32 = "AES_CM_128_HMAC_SHA1_32";

    /// <summary>The secure RTP profile (RFC 3711 section 12), offered when SRTP is required.</summary>
    public const string SecureProfile = "RTP/SAVP";

    /// <summary>The suites offered by default, strongest tag first.</summary>
    public static IReadOnlyList<string> DefaultSuites { get; } = [AesCm128HmacSha1Tag80, AesCm128HmacSha1Tag32];

    /// <summary>
    /// Bytes of master key plus master salt an <c>inline:</c> key of <paramref name="suite"/> carries (30 for the
    /// AES-128 counter-mode suites: 16 + 14), or null for a suite this table does not know.
    /// </summary>
    public static int? GetKeySaltLength(string suite) => suite switch
    {
        AesCm128HmacSha1Tag80 or AesCm128HmacSha1Tag32 => 30,
        _ => null,
    };
}
