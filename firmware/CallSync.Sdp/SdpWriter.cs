using System.Text;

namespace CallSync.Sdp;

/// <summary>Writes session descriptions in the line order of RFC 4566 section 5, CRLF terminated.</summary>
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
        foreach (var kv in session.OtherLines)
        {
            if (kv.Key is 'i' or 'u' or 'e' or 'p')
            {
                Line(sb, kv.Key, kv.Value);
            }
        }

        if (session.Connection is not null)
        {
            Line(sb, 'c', session.Connection.ToString());
        }

        foreach (var kv in session.OtherLines)
        {
            if (kv.Key == 'b')
            {
                Line(sb, kv.Key, kv.Value);
            }
        }

        Line(sb, 't', session.Timing);
        foreach (var kv in session.OtherLines)
        {
            if (kv.Key is not ('i' or 'u' or 'e' or 'p' or 'b'))
            {
                Line(sb, kv.Key, kv.Value);
            }
        }

        foreach (var a in session.Attributes)
        {
            Line(sb, 'a', a.ToString());
        }

        foreach (var m in session.Media)
        {
            var port = m.PortCount > 1 ? $"{SdpNumbers.Format(m.Port)}/{SdpNumbers.Format(m.PortCount)}" : SdpNumbers.Format(m.Port);
            Line(sb, 'm', $"{m.Media} {port} {m.Protocol}{(m.Formats.Count > 0 ? " " : string.Empty)}{string.Join(' ', m.Formats)}");
            if (m.Connection is not null)
            {
                Line(sb, 'c', m.Connection.ToString());
            }

            foreach (var kv in m.OtherLines)
            {
                Line(sb, kv.Key, kv.Value);
            }

            foreach (var a in m.Attributes)
            {
                Line(sb, 'a', a.ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>Writes the body as UTF-8 into <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryWrite(SdpSessionDescription session, Span<byte> destination, out int written)
    {
        var text = Write(session);
        return Encoding.UTF8.TryGetBytes(text, destination, out written);
    }

    private static void Line(StringBuilder sb, char type, string value) =>
        sb.Append(type).Append('=').Append(value).Append("\r\n");
}
