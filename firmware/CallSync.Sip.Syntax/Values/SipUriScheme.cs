namespace CallSync.Sip.Syntax;

/// <summary>URI schemes the codec parses structurally.</summary>
public enum SipUriScheme
{
    /// <summary><c>sip:</c> (RFC 3261 19.1).</summary>
    Sip,
    /// <summary><c>sips:</c> (RFC 3261 19.1).</summary>
    Sips,
    /// <summary><c>tel:</c> (RFC 3966).</summary>
    Tel,
}
