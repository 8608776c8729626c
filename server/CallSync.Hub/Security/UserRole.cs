namespace CallSync.Hub.Security;

/// <summary>What an app user may do beyond their own bindings.</summary>
internal enum UserRole
{
    User,
    Admin,
}
