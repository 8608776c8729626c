using System.Text.Json;

namespace CallSync.Control;

/// <summary>
/// The control socket's wire format: one connection per command; the client writes one JSON request
/// followed by a newline, the agent answers with one JSON response followed by a newline and closes.
/// </summary>
public static class ControlProtocol
{
    /// <summary>The socket's file name inside the data directory.</summary>
    public const string SocketFileName = "control.sock";

    /// <summary>Requests larger than this are refused unread; a command line is never near it.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Serialises a request as one line.</summary>
    public static byte[] Encode(ControlRequest request) => Line(JsonSerializer.SerializeToUtf8Bytes(request, ControlJsonContext.Default.ControlRequest));

    /// <summary>Serialises a response as one line.</summary>
    public static byte[] Encode(ControlResponse response) => Line(JsonSerializer.SerializeToUtf8Bytes(response, ControlJsonContext.Default.ControlResponse));

    /// <summary>Parses a request line; never throws. On failure <paramref name="error"/> says why.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> line, out ControlRequest? request, out string error)
    {
        request = null;
        error = "";
        try
        {
            request = JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlRequest);
        }
        catch (JsonException ex)
        {
            error = $"not a control request: {ex.Message}";
            return false;
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Command) || request.Args is null)
        {
            request = null;
            error = "not a control request: command and args are required";
            return false;
        }

        return true;
    }

    /// <summary>Parses a response line; never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> line, out ControlResponse? response)
    {
        try
        {
            response = JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlResponse);
            return response is not null;
        }
        catch (JsonException)
        {
            response = null;
            return false;
        }
    }

    private static byte[] Line(byte[] json)
    {
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }
}
