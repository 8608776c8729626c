namespace CallSync.Companion.Cli;

/// <summary>
/// <c>--upload URL</c> and the user's access token (from <c>--token-file</c> or <see cref="TokenVariable"/>; never a
/// command-line argument, which other users of the machine can read).
/// </summary>
internal static class UploadTarget
{
    public const string TokenVariable = "CALLSYNC_TOKEN";

    private const int MaxTokenChars = 4096;

    /// <summary>True with <paramref name="target"/> null when no upload was asked for.</summary>
    public static bool TryRead(string? url, string? tokenFile, out (Uri Hub, string Token)? target, out string problem)
    {
        target = null;
        problem = string.Empty;
        if (url is null)
        {
            if (tokenFile is not null)
            {
                problem = "--token-file needs --upload";
                return false;
            }

            return true;
        }

        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var hub) || hub.Scheme is not ("http" or "https")
            || hub.Query.Length > 0 || hub.Fragment.Length > 0)
        {
            problem = $"--upload must be the hub's http(s)://HOST:PORT address, got '{url}'";
            return false;
        }

        string? token;
        try
        {
            token = tokenFile is null ? Environment.GetEnvironmentVariable(TokenVariable) : File.ReadAllText(tokenFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read --token-file: {ex.Message}";
            return false;
        }

        token = token?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenChars || token.Any(char.IsWhiteSpace))
        {
            problem = $"--upload needs the user's access token (POST /api/v1/auth/token) in --token-file or {TokenVariable}";
            return false;
        }

        target = (hub, token);
        return true;
    }
}
