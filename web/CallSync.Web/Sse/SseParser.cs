using System.Text;

namespace CallSync.Web.Sse;

/// <summary>
/// A resumable <c>text/event-stream</c> parser (WHATWG HTML, "server-sent events", event stream interpretation):
/// text goes in in any pieces, complete events come out. Never throws on input: a line longer than
/// <see cref="MaxLineLength"/> is dropped with the event it belongs to.
/// </summary>
public sealed class SseParser
{
    public const int MaxLineLength = 256 * 1024;

    private readonly StringBuilder _line = new();
    private readonly StringBuilder _data = new();
    private string _event = string.Empty;
    private string? _id;
    private bool _hasData;
    private bool _overlong;
    private bool _afterCarriageReturn;

    /// <summary>The last <c>id</c> seen: what a reconnect sends as <c>Last-Event-ID</c>.</summary>
    public string? LastEventId { get; private set; }

    public void Feed(ReadOnlySpan<char> text, ICollection<SseMessage> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var c in text)
        {
            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (c == '\n')
                {
                    continue; // CRLF is one line end
                }
            }

            if (c is '\r' or '\n')
            {
                _afterCarriageReturn = c == '\r';
                EndLine(output);
            }
            else if (_line.Length < MaxLineLength)
            {
                _line.Append(c);
            }
            else
            {
                _overlong = true;
            }
        }
    }

    private void EndLine(ICollection<SseMessage> output)
    {
        if (_line.Length == 0)
        {
            Dispatch(output);
            return;
        }

        if (_overlong)
        {
            _line.Clear();
            return;
        }

        var line = _line.ToString();
        _line.Clear();
        if (line[0] == ':')
        {
            return; // comment (keep-alive)
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? string.Empty : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (field)
        {
            case "data":
                if (_hasData)
                {
                    _data.Append('\n');
                }

                _data.Append(value);
                _hasData = true;
                break;
            case "event":
                _event = value;
                break;
            case "id" when !value.Contains('\0', StringComparison.Ordinal):
                _id = value;
                break;
        }
    }

    private void Dispatch(ICollection<SseMessage> output)
    {
        if (_id is not null)
        {
            LastEventId = _id;
        }

        if (_hasData && !_overlong)
        {
            output.Add(new SseMessage(_id, _event.Length == 0 ? "message" : _event, _data.ToString()));
        }

        _data.Clear();
        _event = string.Empty;
        _id = null;
        _hasData = false;
        _overlong = false;
    }
}
