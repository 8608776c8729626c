namespace CallSync.Sip.UserAgent;

/// <summary>The registration as the agent shows it.</summary>
/// <param name="IsRegistered">True while a binding is in place.</param>
/// <param name="Reason">A human reason: "registered for 600 s", "401 wrong user name or password", "no response from registrar".</param>
/// <param name="StatusCode">The last REGISTER's final status (408 for a local timeout), or 0 before the first attempt.</param>
/// <param name="Expires">The granted binding lifetime, or null when not registered.</param>
public sealed record SipRegistrationState(bool IsRegistered, string Reason, int StatusCode, TimeSpan? Expires);
