using System.Text.Json;

namespace CallSync.Flash.Bundles;

/// <summary>Reads and checks a manifest; never throws on its input.</summary>
internal static class ManifestParser
{
    /// <summary>The largest manifest read (a few hundred files fit in a few dozen KiB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Parses <paramref name="json"/> and checks every rule of the format.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out BundleManifest? manifest, out string reason)
    {
        manifest = null;
        if (json.Length > MaxBytes)
        {
            reason = $"manifest.json is {json.Length} bytes, more than {MaxBytes}";
            return false;
        }

        try
        {
            manifest = JsonSerializer.Deserialize(json, BundleJsonContext.Default.BundleManifest);
        }
        catch (JsonException ex)
        {
            reason = $"manifest.json is not valid JSON: {ex.Message}";
            return false;
        }

        if (manifest is null)
        {
            reason = "manifest.json is empty";
            return false;
        }

        if (!TryCheck(manifest, out reason))
        {
            manifest = null;
            return false;
        }

        return true;
    }

    /// <summary>Checks a manifest's fields: format, identity, and each file's path, hash and mode; the files sorted.</summary>
    public static bool TryCheck(BundleManifest manifest, out string reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Format != BundleManifest.CurrentFormat)
        {
            reason = $"manifest format {manifest.Format} is not supported (this tool reads format {BundleManifest.CurrentFormat})";
            return false;
        }

        if (string.IsNullOrWhiteSpace(manifest.Version) || string.IsNullOrWhiteSpace(manifest.Board) || string.IsNullOrWhiteSpace(manifest.Rid)
            || string.IsNullOrWhiteSpace(manifest.Commit))
        {
            reason = "manifest lacks its version, commit, board or rid";
            return false;
        }

        if (manifest.Files is null || manifest.Files.Count == 0)
        {
            reason = "manifest lists no files";
            return false;
        }

        string? previous = null;
        foreach (var file in manifest.Files)
        {
            if (file is null || !BundlePaths.IsSafe(file.Path))
            {
                reason = $"manifest lists an unsafe path '{file?.Path}'";
                return false;
            }

            if (previous is not null && string.CompareOrdinal(previous, file.Path) >= 0)
            {
                reason = $"manifest files are not sorted by path or repeat one ('{file.Path}' after '{previous}')";
                return false;
            }

            if (file.Size < 0 || file.Sha256 is not { Length: 64 } || !file.Sha256.All(char.IsAsciiHexDigitLower))
            {
                reason = $"manifest entry '{file.Path}' has a bad size or SHA-256";
                return false;
            }

            if (!TryParseMode(file.Mode, out _))
            {
                reason = $"manifest entry '{file.Path}' has a bad mode '{file.Mode}'";
                return false;
            }

            previous = file.Path;
        }

        foreach (var required in BundlePaths.Required)
        {
            if (!manifest.Files.Any(f => f.Path == required))
            {
                reason = $"manifest lacks the required file '{required}'";
                return false;
            }
        }

        reason = "";
        return true;
    }

    /// <summary>Reads an octal mode of 3 or 4 digits (no setuid/setgid/sticky bits).</summary>
    public static bool TryParseMode(string? text, out UnixFileMode mode)
    {
        mode = 0;
        if (text is not { Length: 3 or 4 } || !text.All(c => c is >= '0' and <= '7'))
        {
            return false;
        }

        var value = Convert.ToInt32(text, 8);
        if (value > 0x1FF)
        {
            return false;
        }

        mode = (UnixFileMode)value;
        return true;
    }

    /// <summary>The manifest's four-digit octal form of a mode.</summary>
    public static string FormatMode(UnixFileMode mode) =>
        "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
