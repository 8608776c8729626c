namespace CallSync.Sip.Authentication;

/// <summary>A SIP account's digest credentials. <see cref="ToString"/> never shows the password.</summary>
/// <param name="UserName">The authentication user name.</param>
/// <param name="Password">The password; never logged.</param>
public sealed record DigestCredentials(string UserName, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"DigestCredentials {{ UserName = {UserName} }}";
}
