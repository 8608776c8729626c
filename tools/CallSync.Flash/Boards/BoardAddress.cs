using System.Globalization;

namespace CallSync.Flash.Boards;

/// <summary>A board as <c>user@host[:port]</c>.</summary>
internal sealed record BoardAddress(string User, string Host, int Port)
{
    public override string ToString() => Port == 22 ? $"{User}@{Host}" : $"{User}@{Host}:{Port}";

    /// <summary>Parses <c>user@host[:port]</c>; user and host limited to characters safe on an ssh command line.</summary>
    public static bool TryParse(string? text, out BoardAddress? address, out string reason)
    {
        address = null;
        reason = $"'{text}' is not user@host[:port]";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 255)
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var user = text[..at];
        var rest = text[(at + 1)..];
        var port = 22;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return false;
            }

            rest = rest[..colon];
        }

        if (!IsName(user) || !IsName(rest) || user.StartsWith('-') || rest.StartsWith('-'))
        {
            return false;
        }

        address = new BoardAddress(user, rest, port);
        reason = "";
        return true;
    }

    private static bool IsName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
