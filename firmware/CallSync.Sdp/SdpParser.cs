using System.Text;

namespace CallSync.Sdp;

/// <summary>
/// Parses session descriptions (RFC 4566 section 5). Never throws on input: a malformed body yields
/// false and a reason. Lenient where peers commonly are: LF line ends, trailing blank lines, unknown
/// line types and attributes are accepted and kept.
/// </summary>
public static class SdpParser
{
    /// <summary>The largest body accepted; a desk phone's SDP is well under 2 KB.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Parses a UTF-8 body.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SdpSessionDescription? session, out string? error)
    {
        if (utf8.Length > MaxLength)
        {
            session = null;
            error = "SDP body too large";
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            session = null;
            error = "SDP body is not valid UTF-8";
            return false;
        }

        return TryParse(text, out session, out error);
    }

    /// <summary>Parses a body held as text.</summary>
    public static bool TryParse(string text, out SdpSessionDescription? session, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        session = null;
        if (text.Length > MaxLength)
        {
            error = "SDP body too large";
            return false;
        }

        var state = new ParseState();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
            {
                error = $"line {lineNumber}: not of the form <type>=<value>";
                return false;
            }

            if (!state.Accept(line[0], line[2..], out error))
            {
                error = $"line {lineNumber}: {error}";
                return false;
            }
        }

        return state.TryFinish(out session, out error);
    }

    private sealed class ParseState
    {
        private readonly List<SdpAttribute> _sessionAttributes = [];
        private readonly List<KeyValuePair<char, string>> _other = [];
        private readonly List<SdpMediaDescription> _media = [];
        private int? _version;
        private SdpOrigin? _origin;
        private string _name = "-";
        private SdpConnection? _connection;
        private string _timing = "0 0";
        private MediaBuilder? _current;

        public bool Accept(char type, string value, out string? error)
        {
            error = null;
            if (_version is null && type != 'v')
            {
                error = "the first line must be v=";
                return false;
            }

            switch (type)
            {
                case 'v':
                    if (_version is not null || value.Trim() != "0")
                    {
                        error = "expected a single v=0";
                        return false;
                    }

                    _version = 0;
                    return true;
                case 'o':
                    return TryParseOrigin(value, out _origin, out error);
                case 's':
                    _name = value;
                    return true;
                case 't':
                    _timing = value;
                    return true;
                case 'c':
                    if (!TryParseConnection(value, out var c))
                    {
                        error = "malformed c= line";
                        return false;
                    }

                    if (_current is not null)
                    {
                        _current.Connection = c;
                    }
                    else
                    {
                        _connection = c;
                    }

                    return true;
                case 'm':
                    FlushMedia();
                    if (!TryParseMediaLine(value, out _current))
                    {
                        error = "malformed m= line";
                        return false;
                    }

                    return true;
                case 'a':
                    // An attribute that is not name[:value] by RFC 8866's grammar is ignored like an unknown one.
                    if (!TryParseAttribute(value, out var attribute))
                    {
                        return true;
                    }

                    if (_current is not null)
                    {
                        _current.Attributes.Add(attribute);
                    }
                    else
                    {
                        _sessionAttributes.Add(attribute);
                    }

                    return true;
                default:
                    if (_current is not null)
                    {
                        _current.Other.Add(new(type, value));
                    }
                    else
                    {
                        _other.Add(new(type, value));
                    }

                    return true;
            }
        }

        public bool TryFinish(out SdpSessionDescription? session, out string? error)
        {
            session = null;
            FlushMedia();
            if (_version is null)
            {
                error = "empty SDP";
                return false;
            }

            if (_origin is null)
            {
                error = "missing o= line";
                return false;
            }

            session = new SdpSessionDescription
            {
                Version = 0,
                Origin = _origin,
                SessionName = _name,
                Connection = _connection,
                Timing = _timing,
                OtherLines = _other,
                Attributes = _sessionAttributes,
                Media = _media,
            };
            error = null;
            return true;
        }

        private void FlushMedia()
        {
            if (_current is null)
            {
                return;
            }

            _media.Add(_current.Build());
            _current = null;
        }
    }

    private sealed class MediaBuilder
    {
        public required string Media { get; init; }

        public required int Port { get; init; }

        public required int PortCount { get; init; }

        public required string Protocol { get; init; }

        public required List<string> Formats { get; init; }

        public SdpConnection? Connection { get; set; }

        public List<SdpAttribute> Attributes { get; } = [];

        public List<KeyValuePair<char, string>> Other { get; } = [];

        public SdpMediaDescription Build() => new()
        {
            Media = Media,
            Port = Port,
            PortCount = PortCount,
            Protocol = Protocol,
            Formats = Formats,
            Connection = Connection,
            OtherLines = Other,
            Attributes = Attributes,
        };
    }

    private static string[] Fields(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryParseOrigin(string value, out SdpOrigin? origin, out string? error)
    {
        origin = null;
        var f = Fields(value);
        if (f.Length != 6 || !SdpOrigin.IsValidUserName(f[0]) || !IsAddressTriple(f[3..]))
        {
            error = "malformed o= line: expected 6 fields";
            return false;
        }

        // sess-id and sess-version are 1*DIGIT (RFC 8866 section 9); 64 bits hold every id seen in practice.
        if (!SdpNumbers.TryParseDigits(f[1], out var id))
        {
            error = "malformed o= line: sess-id is not a number";
            return false;
        }

        if (!SdpNumbers.TryParseDigits(f[2], out var version))
        {
            error = "malformed o= line: sess-version is not a number";
            return false;
        }

        origin = new SdpOrigin(f[0], id, version, new SdpConnection(f[3], f[4], f[5]));
        error = null;
        return true;
    }

    private static bool TryParseConnection(string value, out SdpConnection? connection)
    {
        connection = null;
        var f = Fields(value);
        if (f.Length != 3 || !IsAddressTriple(f))
        {
            return false;
        }

        // Multicast addresses carry /ttl[/count]; the address alone is what a unicast phone needs.
        var slash = f[2].IndexOf('/', StringComparison.Ordinal);
        var address = slash >= 0 ? f[2][..slash] : f[2];
        if (address.Length == 0)
        {
            return false;
        }

        connection = new SdpConnection(f[0], f[1], address);
        return true;
    }

    private static bool TryParseMediaLine(string value, out MediaBuilder? media)
    {
        media = null;
        var f = Fields(value);
        if (f.Length < 3 || !SdpText.IsToken(f[0]) || !SdpText.IsProto(f[2]) || !f.Skip(3).All(fmt => SdpText.IsToken(fmt)))
        {
            return false;
        }

        var portText = f[1];
        var count = 1;
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!SdpNumbers.TryParsePositive(portText.AsSpan(slash + 1), out count))
            {
                return false;
            }

            portText = portText[..slash];
        }

        if (!SdpNumbers.TryParsePort(portText, out var port))
        {
            return false;
        }

        media = new MediaBuilder
        {
            Media = f[0],
            Port = port,
            PortCount = count,
            Protocol = f[2],
            Formats = [.. f.Skip(3)],
        };
        return true;
    }

    private static bool TryParseAttribute(string value, out SdpAttribute attribute)
    {
        attribute = null!;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? value : value[..colon]).Trim();
        var text = colon < 0 ? null : value[(colon + 1)..];
        if (!SdpAttribute.IsValid(name, text))
        {
            return false;
        }

        attribute = new SdpAttribute(name, text);
        return true;
    }

    // nettype and addrtype are tokens; an address is a non-ws-string (checked further where it is used).
    private static bool IsAddressTriple(string[] f) =>
        SdpText.IsToken(f[0]) && SdpText.IsToken(f[1]) && SdpText.IsNonWsString(f[2]);
}
