using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CallSync.Sdp;

/// <summary>
/// An <c>o=</c> line (RFC 8866 section 5.2). Session id and version are numbers (<c>sess-id = 1*DIGIT</c>): strict
/// parsers such as belle-sip reject anything else, so the types make another form impossible to write.
/// </summary>
/// <param name="UserName">The user name, <c>-</c> when there is none; no whitespace.</param>
/// <param name="SessionId">The session id, constant for the whole session.</param>
/// <param name="SessionVersion">The version; it increases with every change of the session (RFC 3264 section 8).</param>
/// <param name="Connection">Network type, address type and address of the originator.</param>
public sealed record SdpOrigin(string UserName, ulong SessionId, ulong SessionVersion, SdpConnection Connection)
{
    /// <summary>The user name (<c>username = non-ws-string</c>).</summary>
    /// <exception cref="ArgumentException">The name is empty or holds whitespace or control characters.</exception>
    public string UserName { get; init; } = IsValidUserName(UserName) ? UserName : throw new ArgumentException("An SDP user name is one or more visible characters.", nameof(UserName));

    /// <summary>
    /// A fresh session id: 62 random bits, so it stays positive in every peer's signed 64-bit integer and unique
    /// per call without a clock (RFC 8866 section 5.2 only asks for global uniqueness).
    /// </summary>
    public static ulong NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes) >> 2) | 1;
    }

    /// <summary>True when <paramref name="name"/> is a valid <c>non-ws-string</c> (visible ASCII or non-ASCII characters).</summary>
    public static bool IsValidUserName(string? name) => name is not null && SdpText.IsNonWsString(name);

    /// <inheritdoc />
    public override string ToString() => $"{UserName} {SdpNumbers.Format(SessionId)} {SdpNumbers.Format(SessionVersion)} {Connection}";
}
