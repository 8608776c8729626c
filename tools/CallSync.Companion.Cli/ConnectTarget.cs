using System.Globalization;

namespace CallSync.Companion.Cli;

/// <summary>Where the phone's companion endpoint is: <c>tcp:HOST:PORT</c>.</summary>
internal sealed record ConnectTarget(string Host, int Port)
{
    public static bool TryParse(string? text, out ConnectTarget? target)
    {
        target = null;
        if (text is null || !text.StartsWith("tcp:", StringComparison.Ordinal))
        {
            return false;
        }

        string rest = text[4..];
        int colon = rest.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        string host = rest[..colon].Trim('[', ']');
        target = new ConnectTarget(host, port);
        return true;
    }

    public override string ToString() => $"tcp:{Host}:{Port}";
}
