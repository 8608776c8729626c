namespace CallSync.Agent.Configuration;

/// <summary>
/// Enroll with the hub at start when the phone has no stored credentials yet (docs/security.md, "Enrollment"): the
/// hub's URL and the one-time code an admin issued. Ignored once the phone is enrolled.
/// </summary>
internal sealed record EnrollmentOptions(Uri Url, string Code);
