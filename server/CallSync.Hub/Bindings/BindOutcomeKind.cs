namespace CallSync.Hub.Bindings;

/// <summary>The result of a binding request; the HTTP layer maps each kind to one status code.</summary>
internal enum BindOutcomeKind
{
    Active,
    Pending,
    UnknownDevice,
    UnknownUser,
    Invalid,
    Forbidden,
}
