using System.Collections;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// The header lines of a parsed message, in wire order. Values are kept as byte offsets into the message and
/// turned into strings only when asked for (then cached), so parsing makes no string per header.
/// </summary>
public sealed class SipHeaderCollection : IReadOnlyList<SipHeader>
{
    private readonly byte[] _data;
    private readonly HeaderEntry[] _entries;
    private string?[]? _values;
    private string?[]? _names;

    internal SipHeaderCollection(byte[] data, HeaderEntry[] entries)
    {
        _data = data;
        _entries = entries;
    }

    /// <summary>Number of header lines (a comma-separated line counts once).</summary>
    public int Count => _entries.Length;

    /// <summary>The header line at <paramref name="index"/> in wire order.</summary>
    public SipHeader this[int index] => new(GetName(index), GetValue(index));

    internal ReadOnlySpan<HeaderEntry> Entries => _entries;

    /// <summary>The field name of line <paramref name="index"/> as written.</summary>
    public string GetName(int index)
    {
        var e = _entries[index];
        _names ??= new string?[_entries.Length];
        return _names[index] ??= Encoding.ASCII.GetString(_data, e.NameStart, e.NameLength);
    }

    /// <summary>The value of line <paramref name="index"/>, unfolded.</summary>
    public string GetValue(int index)
    {
        _values ??= new string?[_entries.Length];
        return _values[index] ??= Materialise(_entries[index]);
    }

    /// <summary>The value of the first line named <paramref name="name"/> (long or compact form, any case), or null.</summary>
    public string? GetValue(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : GetValue(i);
    }

    /// <summary>The values of every line named <paramref name="name"/>, in order (comma lists are not split).</summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        List<string>? result = null;
        var kind = SipHeaderTable.GetKind(name);
        for (var i = 0; i < _entries.Length; i++)
        {
            if (Matches(i, name, kind))
            {
                (result ??= []).Add(GetValue(i));
            }
        }

        return result is null ? [] : result;
    }

    /// <summary>True when at least one line is named <paramref name="name"/>.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Index of the first line named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        var kind = SipHeaderTable.GetKind(name);
        for (var i = 0; i < _entries.Length; i++)
        {
            if (Matches(i, name, kind))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal int IndexOf(SipHeaderKind kind)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    internal string? GetValue(SipHeaderKind kind)
    {
        var i = IndexOf(kind);
        return i < 0 ? null : GetValue(i);
    }

    internal ReadOnlySpan<byte> GetRawValue(int index)
    {
        var e = _entries[index];
        return _data.AsSpan(e.ValueStart, e.ValueLength);
    }

    internal ReadOnlySpan<byte> GetRawName(int index)
    {
        var e = _entries[index];
        return _data.AsSpan(e.NameStart, e.NameLength);
    }

    internal static bool NamesMatch(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var ka = SipHeaderTable.GetKind(a);
        return ka != SipHeaderKind.Unknown && ka == SipHeaderTable.GetKind(b);
    }

    internal static string Unfold(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            return value;
        }

        // RFC 3261 7.3.1: a line break followed by whitespace is equivalent to one SP.
        var sb = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c is '\r' or '\n')
            {
                while (sb.Length > 0 && sb[^1] is ' ' or '\t')
                {
                    sb.Length--;
                }

                while (i < value.Length && value[i] is '\r' or '\n' or ' ' or '\t')
                {
                    i++;
                }

                sb.Append(' ');
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    private bool Matches(int index, string name, SipHeaderKind kind)
    {
        var e = _entries[index];
        if (kind != SipHeaderKind.Unknown)
        {
            return e.Kind == kind;
        }

        return e.Kind == SipHeaderKind.Unknown && Ascii.EqualsIgnoreCase(_data.AsSpan(e.NameStart, e.NameLength), name);
    }

    private string Materialise(HeaderEntry e)
    {
        var s = Encoding.UTF8.GetString(_data, e.ValueStart, e.ValueLength);
        return e.Folded ? Unfold(s) : s;
    }
}
