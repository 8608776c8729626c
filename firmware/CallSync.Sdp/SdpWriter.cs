using System.Text;

namespace CallSync.Sdp;

/// <summary>
/// Writes session descriptions in the field order of RFC 8866 section 9, CRLF terminated: session
/// <c>v o s i u e p c b t r z k a</c>, then per media <c>m i c b k a</c>. Kept lines of a type the grammar does not
/// have at that level are not written.
/// </summary>
public static class SdpWriter
{
    /// <summary>The body as text.</summary>
    public static string Write(SdpSessionDescription session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sb = new StringBuilder(512);
        Line(sb, 'v', "0");
        Line(sb, 'o', session.Origin.ToString());
        Line(sb, 's', session.SessionName.Length == 0 ? "-" : session.SessionName);
        Other(sb, session.OtherLines, "iuep");
        if (session.Connection is not null)
        {
            Line(sb, 'c', session.Connection.ToString());
        }

        Other(sb, session.OtherLines, "b");
        Line(sb, 't', session.Timing);
        Other(sb, session.OtherLines, "rzk");
        Attributes(sb, session.Attributes);
        foreach (var m in session.Media)
        {
            var port = m.PortCount > 1 ? $"{SdpNumbers.Format(m.Port)}/{SdpNumbers.Format(m.PortCount)}" : SdpNumbers.Format(m.Port);
            Line(sb, 'm', $"{m.Media} {port} {m.Protocol}{(m.Formats.Count > 0 ? " " : string.Empty)}{string.Join(' ', m.Formats)}");
            Other(sb, m.OtherLines, "i");
            if (m.Connection is not null)
            {
                Line(sb, 'c', m.Connection.ToString());
            }

            Other(sb, m.OtherLines, "bk");
            Attributes(sb, m.Attributes);
        }

        return sb.ToString();
    }

    /// <summary>Writes the body as UTF-8 into <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryWrite(SdpSessionDescription session, Span<byte> destination, out int written)
    {
        var text = Write(session);
        return Encoding.UTF8.TryGetBytes(text, destination, out written);
    }

    // Lines of each type in their kept order; the types in the order the grammar wants them.
    private static void Other(StringBuilder sb, IReadOnlyList<KeyValuePair<char, string>> lines, string types)
    {
        foreach (var type in types)
        {
            foreach (var kv in lines)
            {
                if (kv.Key == type)
                {
                    Line(sb, kv.Key, kv.Value);
                }
            }
        }
    }

    private static void Attributes(StringBuilder sb, IReadOnlyList<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            Line(sb, 'a', a.ToString());
        }
    }

    private static void Line(StringBuilder sb, char type, string value) =>
        sb.Append(type).Append('=').Append(value).Append("\r\n");
}
