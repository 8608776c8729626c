using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CallSync.Contracts;
using CallSync.Hub.Configuration;

namespace CallSync.Hub.Security;

/// <summary>
/// The hub's data directory (<c>Storage:DataDir</c>): created owner-only (0700, tightened when others can read or
/// write it), holding the secrets the hub generates when they are not configured: <c>token-secret</c> (access-token
/// key) and <c>broker-password</c> (the hub's MQTT password), each 0600, written once and read at every later start.
/// </summary>
internal static class HubDataDirectory
{
    public const string TokenSecretFile = "token-secret";
    public const string BrokerPasswordFile = "broker-password";

    private const int SecretBytes = 32;
    private const int MinSecretLength = 32;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <exception cref="IOException">The directory or a secret cannot be created or read.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    /// <exception cref="InvalidDataException">A secret file exists but is not a usable secret.</exception>
    public static HubSecrets Prepare(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dir = options.Storage.DataDir;
        SecureFile.EnsureDirectory(dir);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(dir) & (UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            File.SetUnixFileMode(dir, OwnerOnly);
        }

        var generated = new List<string>();
        var tokenSecret = options.Security.TokenSecret.Length > 0 ? options.Security.TokenSecret : LoadOrCreate(dir, TokenSecretFile, generated);
        var brokerPassword = options.Mqtt.Password ?? LoadOrCreate(dir, BrokerPasswordFile, generated);
        return new HubSecrets(dir, tokenSecret, brokerPassword, generated);
    }

    /// <summary>A new random secret: 32 bytes as base64url (43 characters).</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    private static string LoadOrCreate(string dir, string name, List<string> generated)
    {
        var path = Path.Combine(dir, name);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length >= MinSecretLength && text.Length <= 1024
                ? text
                : throw new InvalidDataException($"{path} is not a secret of at least {MinSecretLength} characters; delete it to generate a new one");
        }

        var secret = NewSecret();
        SecureFile.WriteAllBytes(path, Encoding.ASCII.GetBytes(secret));
        generated.Add(path);
        return secret;
    }
}
