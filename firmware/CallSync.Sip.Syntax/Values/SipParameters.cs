using System.Collections;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>An ordered, immutable list of parameters with case-insensitive lookup by name (RFC 3261 section 7.3.1).</summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    /// <summary>No parameters.</summary>
    public static readonly SipParameters Empty = new([]);

    private static readonly System.Buffers.SearchValues<char> ValueForbidden = System.Buffers.SearchValues.Create(" \t\r\n\"<>,;");

    // paramchar = param-unreserved / unreserved / escaped (RFC 3261 25.1); '%' only as the start of an escape.
    private static readonly System.Buffers.SearchValues<char> UriParamChars = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()[]/:&+$");

    private readonly SipParameter[] _items;

    private SipParameters(SipParameter[] items) => _items = items;

    /// <summary>Creates a list from the given parameters, in order.</summary>
    public static SipParameters Create(params ReadOnlySpan<SipParameter> items) => items.Length == 0 ? Empty : new SipParameters(items.ToArray());

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public SipParameter this[int index] => _items[index];

    /// <summary>True when a parameter named <paramref name="name"/> is present (with or without a value).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of <paramref name="name"/>; null when absent or a flag.</summary>
    public string? GetValue(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : _items[i].Value;
    }

    /// <summary>Looks up <paramref name="name"/>; <paramref name="value"/> is null for a flag.</summary>
    public bool TryGetValue(string name, out string? value)
    {
        var i = IndexOf(name);
        value = i < 0 ? null : _items[i].Value;
        return i >= 0;
    }

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> (replaced in place, or appended).</summary>
    public SipParameters With(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var i = IndexOf(name);
        if (i >= 0)
        {
            var copy = (SipParameter[])_items.Clone();
            copy[i] = new SipParameter(copy[i].Name, value);
            return new SipParameters(copy);
        }

        return new SipParameters([.. _items, new SipParameter(name, value)]);
    }

    /// <summary>A copy without any parameter named <paramref name="name"/>.</summary>
    public SipParameters Without(string name)
    {
        if (IndexOf(name) < 0)
        {
            return this;
        }

        return new SipParameters(Array.FindAll(_items, p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Index of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The parameters as written after a header value: <c>;a=b;c</c> (empty string when there are none).</summary>
    public override string ToString() => FormatHeader();

    /// <summary>
    /// Header parameters (RFC 3261 25.1 generic-param): a value that is not a token, host or quoted-string is written
    /// as a quoted-string. An IPv6 address stays as it is: that is Via's received (RFC 3261 20.42, RFC 5118 4.5).
    /// </summary>
    internal string FormatHeader() => Format(';', static v => IsGenValue(v) ? v : SipText.Quote(v), static n => n);

    /// <summary>URI parameters (RFC 3261 19.1.1): characters outside paramchar are %HH-escaped, escapes kept.</summary>
    internal string FormatUri() => Format(';', static v => SipText.EscapeKeepingEscapes(v, UriParamChars), static n => SipText.EscapeKeepingEscapes(n, UriParamChars));

    private string Format(char separator, Func<string, string> value, Func<string, string> name)
    {
        if (_items.Length == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var p in _items)
        {
            sb.Append(separator).Append(name(p.Name));
            if (p.Value is not null)
            {
                sb.Append('=').Append(value(p.Value));
            }
        }

        return sb.ToString();
    }

    // gen-value = token / host / quoted-string (RFC 3261 25.1).
    private static bool IsGenValue(string v) =>
        SipChars.IsToken(v.AsSpan())
        || (SipUri.TryParseHostPort(v, out _, out var port) && port is null)
        || (v.Length >= 2 && v[0] == '"' && SipText.SkipQuoted(v, 0) == v.Length)
        || (v.Contains(':', StringComparison.Ordinal) && System.Net.IPAddress.TryParse(v, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !v.Contains('%', StringComparison.Ordinal));

    /// <summary>
    /// Parses <c>;name[=value]</c> repeated (the text after the first separator). Names must be tokens, values
    /// tokens, host-like text or quoted strings. False on empty names (RFC 4475 3.1.2.1) or broken quotes.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> s, char separator, bool unquote, out SipParameters result)
    {
        result = Empty;
        s = SipChars.TrimLws(s);
        if (s.Length == 0)
        {
            return true;
        }

        var items = new List<SipParameter>(4);
        var i = 0;
        while (i <= s.Length)
        {
            // One parameter: up to the next separator outside quotes.
            var start = i;
            var end = start;
            while (end < s.Length && s[end] != separator)
            {
                if (s[end] == '"')
                {
                    var q = SipText.SkipQuoted(s, end);
                    if (q < 0)
                    {
                        return false;
                    }

                    end = q;
                }
                else
                {
                    end++;
                }
            }

            var part = SipChars.TrimLws(s[start..end]);
            if (part.Length == 0)
            {
                return false;
            }

            var eq = part.IndexOf('=');
            var name = SipChars.TrimLws(eq < 0 ? part : part[..eq]);
            if (!SipChars.IsToken(name))
            {
                return false;
            }

            string? value = null;
            if (eq >= 0)
            {
                var v = SipChars.TrimLws(part[(eq + 1)..]);
                if (v.Length > 0 && v[0] == '"')
                {
                    if (SipText.SkipQuoted(v, 0) != v.Length)
                    {
                        return false;
                    }

                    value = unquote ? SipText.Unquote(v) : v.ToString();
                }
                else
                {
                    if (v.ContainsAny(ValueForbidden))
                    {
                        return false;
                    }

                    value = v.ToString();
                }
            }

            items.Add(new SipParameter(name.ToString(), value));
            if (end >= s.Length)
            {
                break;
            }

            i = end + 1;
        }

        result = new SipParameters([.. items]);
        return true;
    }
}
