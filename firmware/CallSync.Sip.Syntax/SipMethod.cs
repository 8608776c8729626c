using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// A SIP request method (RFC 3261 section 7.1). Methods are case-sensitive tokens; the well-known ones are
/// shared instances so parsing a known method allocates nothing.
/// </summary>
public sealed class SipMethod : IEquatable<SipMethod>
{
    /// <summary>INVITE (RFC 3261).</summary>
    public static readonly SipMethod Invite = new("INVITE");
    /// <summary>ACK (RFC 3261).</summary>
    public static readonly SipMethod Ack = new("ACK");
    /// <summary>BYE (RFC 3261).</summary>
    public static readonly SipMethod Bye = new("BYE");
    /// <summary>CANCEL (RFC 3261).</summary>
    public static readonly SipMethod Cancel = new("CANCEL");
    /// <summary>REGISTER (RFC 3261).</summary>
    public static readonly SipMethod Register = new("REGISTER");
    /// <summary>OPTIONS (RFC 3261).</summary>
    public static readonly SipMethod Options = new("OPTIONS");
    /// <summary>INFO (RFC 6086).</summary>
    public static readonly SipMethod Info = new("INFO");
    /// <summary>UPDATE (RFC 3311).</summary>
    public static readonly SipMethod Update = new("UPDATE");
    /// <summary>PRACK (RFC 3262).</summary>
    public static readonly SipMethod Prack = new("PRACK");
    /// <summary>SUBSCRIBE (RFC 6665).</summary>
    public static readonly SipMethod Subscribe = new("SUBSCRIBE");
    /// <summary>NOTIFY (RFC 6665).</summary>
    public static readonly SipMethod Notify = new("NOTIFY");
    /// <summary>REFER (RFC 3515).</summary>
    public static readonly SipMethod Refer = new("REFER");
    /// <summary>MESSAGE (RFC 3428).</summary>
    public static readonly SipMethod Message = new("MESSAGE");
    /// <summary>PUBLISH (RFC 3903).</summary>
    public static readonly SipMethod Publish = new("PUBLISH");

    private static readonly SipMethod[] Known =
        [Invite, Ack, Bye, Cancel, Register, Options, Info, Update, Prack, Subscribe, Notify, Refer, Message, Publish];

    private readonly byte[] _utf8;

    private SipMethod(string name)
    {
        Name = name;
        _utf8 = Encoding.ASCII.GetBytes(name);
    }

    /// <summary>The method token exactly as on the wire.</summary>
    public string Name { get; }

    internal ReadOnlySpan<byte> Utf8Name => _utf8;

    /// <summary>Gets the method named <paramref name="name"/>; a shared instance for well-known methods.</summary>
    /// <exception cref="ArgumentException">The name is empty or not a token.</exception>
    public static SipMethod Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var m in Known)
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        if (name.Length == 0 || !SipChars.IsToken(name.AsSpan()))
        {
            throw new ArgumentException("A SIP method is a non-empty token.", nameof(name));
        }

        return new SipMethod(name);
    }

    /// <summary>Parses a method token from wire bytes; false when it is empty or not a token.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out SipMethod? method)
    {
        foreach (var m in Known)
        {
            if (token.SequenceEqual(m._utf8))
            {
                method = m;
                return true;
            }
        }

        if (token.Length == 0 || !SipChars.IsToken(token))
        {
            method = null;
            return false;
        }

        method = new SipMethod(Encoding.ASCII.GetString(token));
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(SipMethod? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SipMethod other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Ordinal equality of two methods.</summary>
    public static bool operator ==(SipMethod? left, SipMethod? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Ordinal inequality of two methods.</summary>
    public static bool operator !=(SipMethod? left, SipMethod? right) => !(left == right);
}
