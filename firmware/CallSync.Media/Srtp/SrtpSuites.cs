namespace CallSync.Media.Srtp;

/// <summary>Names and sizes of the <see cref="SrtpSuite"/> values, as SDES (RFC 4568) and RFC 3711 define them.</summary>
public static class SrtpSuites
{
    /// <summary>The master key length in bytes (AES-128).</summary>
    public const int MasterKeyLength = 16;

    /// <summary>The master salt length in bytes (112 bits, RFC 3711 section 8.2).</summary>
    public const int MasterSaltLength = 14;

    /// <summary>The SDES <c>inline:</c> key material: master key then master salt.</summary>
    public const int KeySaltLength = MasterKeyLength + MasterSaltLength;

    /// <summary>The suites in our order of preference (strongest tag first).</summary>
    public static IReadOnlyList<SrtpSuite> All { get; } = [SrtpSuite.AesCm128HmacSha1Tag80, SrtpSuite.AesCm128HmacSha1Tag32];

    /// <summary>The SDES name, e.g. <c>AES_CM_128_HMAC_SHA1_80</c>.</summary>
    public static string GetName(SrtpSuite suite) => suite switch
    {
        SrtpSuite.AesCm128HmacSha1Tag80 => "AES_CM_128_HMAC_SHA1_80",
        SrtpSuite.AesCm128HmacSha1Tag32 => "AES_CM_128_HMAC_SHA1_32",
        _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, null),
    };

    /// <summary>Finds the suite for an SDES name (exact, case-sensitive as RFC 4568 registers them); false when unknown.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out SrtpSuite suite)
    {
        foreach (SrtpSuite candidate in All)
        {
            if (name.SequenceEqual(GetName(candidate)))
            {
                suite = candidate;
                return true;
            }
        }

        suite = default;
        return false;
    }

    /// <summary>Bytes of authentication tag on each SRTP packet.</summary>
    public static int GetRtpTagLength(SrtpSuite suite) => suite == SrtpSuite.AesCm128HmacSha1Tag32 ? 4 : 10;

    /// <summary>Bytes of authentication tag on each SRTCP packet (80 bits for both suites).</summary>
    public static int GetRtcpTagLength(SrtpSuite suite) => 10;
}
