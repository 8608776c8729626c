namespace CallSync.Media.Srtp;

/// <summary>The SRTP crypto suites implemented (RFC 4568 section 6.2 names them for SDES).</summary>
public enum SrtpSuite
{
    /// <summary><c>AES_CM_128_HMAC_SHA1_80</c>: AES-128 counter mode, HMAC-SHA1 tag of 80 bits on SRTP and SRTCP.</summary>
    AesCm128HmacSha1Tag80,

    /// <summary>
    /// <c>AES_CM_128_HMAC_SHA1_32</c>: as the 80-bit suite, but the SRTP tag is 32 bits; SRTCP keeps 80 bits
    /// (RFC 4568 section 6.2.2).
    /// </summary>
    AesCm128HmacSha1Tag32,
}
