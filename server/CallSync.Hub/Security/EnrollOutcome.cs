using CallSync.Contracts;

namespace CallSync.Hub.Security;

/// <summary>What an enrollment attempt came to: the issued credentials, or the HTTP status and reason of a refusal.</summary>
internal sealed record EnrollOutcome(EnrollmentResponse? Issued, int Status, string Reason)
{
    public static EnrollOutcome Refused(int status, string reason) => new(null, status, reason);
}
