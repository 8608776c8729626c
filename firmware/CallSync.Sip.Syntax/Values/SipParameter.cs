namespace CallSync.Sip.Syntax;

/// <summary>One <c>name[=value]</c> parameter; <see cref="Value"/> is null for a flag such as <c>lr</c> or <c>rport</c>.</summary>
/// <param name="Name">The parameter name as written.</param>
/// <param name="Value">The value (quotes kept for header parameters, removed for authentication parameters), or null.</param>
public readonly record struct SipParameter(string Name, string? Value);
