namespace CallSync.Flash.Bundles;

/// <summary>The names inside a bundle and the rule for payload paths.</summary>
internal static class BundlePaths
{
    public const string Manifest = "manifest.json";
    public const string Signature = "manifest.sig";
    public const string PayloadPrefix = "payload/";

    /// <summary>The files every bundle carries.</summary>
    public static readonly IReadOnlyList<string> Required = ["VERSION", "bin/callsync", "bin/callsync-agent", "callsync-agent.service"];

    /// <summary>Longest payload path accepted.</summary>
    public const int MaxPathLength = 200;

    /// <summary>
    /// Relative, forward slashes, no empty, <c>.</c> or <c>..</c> segment, printable ASCII without quotes or
    /// backslashes: paths end up in shell command lines on the board, so anything else is refused.
    /// </summary>
    public static bool IsSafe(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxPathLength || path[0] == '/')
        {
            return false;
        }

        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '+'))
            {
                return false;
            }
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                return false;
            }
        }

        return true;
    }
}
