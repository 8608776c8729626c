namespace CallSync.Sip.Authentication;

/// <summary>The digest hash algorithms (RFC 7616 section 3.2); MD5 remains what most SIP servers use.</summary>
public enum DigestAlgorithm
{
    /// <summary>MD5 (RFC 2617), the default when the challenge names none.</summary>
    Md5,

    /// <summary>SHA-256 (RFC 7616, RFC 8760 for SIP).</summary>
    Sha256,
}
