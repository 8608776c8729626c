using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CallSync.Configuration;

/// <summary>
/// Layers a program's configuration: a JSON file, then environment variables with the program's prefix
/// (<c>PREFIX_Section__Key</c>), then command-line switches <c>--Section:Key=value</c>; later layers win.
/// </summary>
public static class ConfigSources
{
    /// <summary>The largest configuration file read: a configuration is a few kilobytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Builds the layers; false with one line naming the file and what is wrong with it.</summary>
    public static bool TryBuild(string? file, string environmentPrefix, IReadOnlyList<string> switches,
        [NotNullWhen(true)] out IConfigurationRoot? configuration, out string error)
    {
        ArgumentNullException.ThrowIfNull(environmentPrefix);
        ArgumentNullException.ThrowIfNull(switches);
        configuration = null;
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            file = Path.GetFullPath(file);
            if (!TryCheckJson(file, out error))
            {
                return false;
            }

            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(environmentPrefix).AddCommandLine([.. switches]);
        try
        {
            configuration = builder.Build();
            error = string.Empty;
            return true;
        }
        catch (InvalidDataException ex)
        {
            // The JSON provider's own refusal, e.g. a key written twice (keys are case-insensitive).
            error = $"configuration: {file} cannot be used ({(ex.InnerException ?? ex).Message.TrimEnd('.')})";
            return false;
        }
        catch (FormatException ex)
        {
            error = $"usage: {ex.Message.TrimEnd('.')} (overrides look like --Section:Key=value)";
            return false;
        }
    }

    // The JSON provider's own errors name neither line nor file clearly; check first with the same rules (comments
    // and trailing commas allowed) to give one precise line.
    private static bool TryCheckJson(string path, out string error)
    {
        if (Directory.Exists(path))
        {
            error = $"configuration: {path} is a directory, not a file";
            return false;
        }

        byte[] bytes;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxFileBytes)
            {
                error = $"configuration: file {path} is larger than {MaxFileBytes / 1024} KiB";
                return false;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error = $"configuration: file {path} not found";
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            error = $"configuration: file {path} cannot be read (permission denied)";
            return false;
        }
        catch (IOException ex)
        {
            error = $"configuration: file {path} cannot be read ({ex.Message.TrimEnd('.')})";
            return false;
        }

        try
        {
            // Editors on some systems start UTF-8 files with a byte order mark; the JSON provider skips it too.
            var json = bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            error = document.RootElement.ValueKind == JsonValueKind.Object ? string.Empty : $"configuration: {path} must hold a JSON object";
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {ex.BytePositionInLine + 1}" : "";
            error = $"configuration: {path} is not valid JSON{where}";
        }

        return error.Length == 0;
    }
}
