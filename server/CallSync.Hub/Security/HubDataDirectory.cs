using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CallSync.Contracts;
using CallSync.Hub.Configuration;

namespace CallSync.Hub.Security;

/// <summary>
/// The hub's data directory (<c>Storage:DataDir</c>): created owner-only (0700, tightened when others can read or
/// write it), holding the secrets the hub generates when they are not configured: <c>token-secret</c> (access-token
/// key), <c>broker-password</c> (the hub's MQTT password) and <c>key-encryption-key</c> (seals the phones' provisioning
/// keys in the database), each 0600, written once and read at every later start. <c>key-encryption-key.previous</c>, when
/// an operator puts it there to rotate the key, is read too (docs/security.md, "Rotating the key-encryption key").
/// </summary>
internal static class HubDataDirectory
{
    public const string TokenSecretFile = "token-secret";
    public const string BrokerPasswordFile = "broker-password";
    public const string KeyEncryptionKeyFile = "key-encryption-key";
    public const string PreviousKeyEncryptionKeyFile = "key-encryption-key.previous";

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
        var configuredKey = options.Security.KeyEncryptionKey;
        var previousPath = Path.Combine(dir, PreviousKeyEncryptionKeyFile);
        return new HubSecrets(dir, tokenSecret, brokerPassword, generated)
        {
            KeyEncryptionKey = configuredKey.Length > 0 ? configuredKey : LoadOrCreate(dir, KeyEncryptionKeyFile, generated),
            KeyEncryptionKeySource = configuredKey.Length > 0 ? "Security:KeyEncryptionKey" : Path.Combine(dir, KeyEncryptionKeyFile),
            PreviousKeyEncryptionKey = options.Security.PreviousKeyEncryptionKey ?? (File.Exists(previousPath) ? Load(previousPath) : null),
        };
    }

    /// <summary>A new random secret: 32 bytes as base64url (43 characters).</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    private static string LoadOrCreate(string dir, string name, List<string> generated)
    {
        var path = Path.Combine(dir, name);
        if (File.Exists(path))
        {
            return Load(path);
        }

        var secret = NewSecret();
        SecureFile.WriteAllBytes(path, Encoding.ASCII.GetBytes(secret));
        generated.Add(path);
        return secret;
    }

    private static string Load(string path)
    {
        var text = File.ReadAllText(path).Trim();
        return text.Length >= MinSecretLength && text.Length <= 1024
            ? text
            : throw new InvalidDataException($"{path} is not a secret of at least {MinSecretLength} characters; delete it to generate a new one");
    }
}
