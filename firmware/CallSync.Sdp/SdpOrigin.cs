namespace CallSync.Sdp;

/// <summary>An <c>o=</c> line (RFC 4566 section 5.2).</summary>
/// <param name="UserName">The user name, <c>-</c> when there is none.</param>
/// <param name="SessionId">The session id (kept as text: some peers exceed 64 bits).</param>
/// <param name="SessionVersion">The version; it increases with every change of the session (RFC 3264 section 8).</param>
/// <param name="Connection">Network type, address type and address of the originator.</param>
public sealed record SdpOrigin(string UserName, string SessionId, ulong SessionVersion, SdpConnection Connection)
{
    /// <inheritdoc />
    public override string ToString() => $"{UserName} {SessionId} {SessionVersion} {Connection}";
}
