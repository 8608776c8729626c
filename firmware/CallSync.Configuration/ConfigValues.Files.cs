using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallSync.Configuration;

/// <summary>Paths and files.</summary>
public static partial class ConfigValues
{
    // PATH_MAX on Linux, in bytes with the terminating NUL.
    private const int MaxPathBytes = 4095;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>An absolute path (nothing is checked on disk).</summary>
    public static ConfigValue<string> AbsolutePath(string accepts) => new(IsAbsolutePath, accepts);

    /// <summary>An absolute path to a file that exists where the check runs.</summary>
    public static ConfigValue<string> ExistingFile(string accepts) => new(
        static (string text, [MaybeNullWhen(false)] out string value) => IsAbsolutePath(text, out value) && File.Exists(value),
        accepts);

    /// <summary>An absolute path to an existing file that only its owner may read (mode 0600 or 0400): a private key.</summary>
    public static ConfigValue<string> PrivateKeyFile(string accepts) => new(
        static (string text, [MaybeNullWhen(false)] out string value) => IsAbsolutePath(text, out value) && File.Exists(value) && IsOwnerOnly(value),
        accepts);

    private static bool IsOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return (File.GetUnixFileMode(path) & GroupOrOthers) == 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsAbsolutePath(string text, [MaybeNullWhen(false)] out string value)
    {
        value = text;
        return Path.IsPathFullyQualified(text) && !text.Any(char.IsControl) && Encoding.UTF8.GetByteCount(text) <= MaxPathBytes;
    }
}
