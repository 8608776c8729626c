using CallSync.Hub.Configuration;
using CallSync.Hub.Security;

namespace CallSync.Hub.Tests.Security;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HubDataDirectoryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "callsync-hubdata-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private HubOptions Options(string? tokenSecret = null, string? brokerPassword = null, string? keyEncryptionKey = null) => new()
    {
        Storage = new StorageOptions { DataDir = _dir },
        Security = new SecurityOptions { TokenSecret = tokenSecret ?? string.Empty, KeyEncryptionKey = keyEncryptionKey ?? string.Empty },
        Mqtt = new MqttOptions { Password = brokerPassword },
    };

    [Fact]
    public void Prepare_NothingConfigured_GeneratesOwnerOnlySecretsOnceAndReusesThem()
    {
        var first = HubDataDirectory.Prepare(Options());
        var second = HubDataDirectory.Prepare(Options());

        Assert.Equal([Path.Combine(_dir, "token-secret"), Path.Combine(_dir, "broker-password"), Path.Combine(_dir, "key-encryption-key")], first.Generated);
        Assert.Empty(second.Generated);
        Assert.Equal((first.TokenSecret, first.BrokerPassword, first.KeyEncryptionKey), (second.TokenSecret, second.BrokerPassword, second.KeyEncryptionKey));
        Assert.Equal(Path.Combine(_dir, "key-encryption-key"), first.KeyEncryptionKeySource);
        Assert.Null(first.PreviousKeyEncryptionKey);
        Assert.NotEqual(first.TokenSecret, first.BrokerPassword);
        Assert.True(first.TokenSecret.Length >= 32);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "token-secret")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "broker-password")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "key-encryption-key")));
        Assert.DoesNotContain(first.KeyEncryptionKey, first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first.TokenSecret, first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_SecretsConfigured_NothingGenerated()
    {
        var secrets = HubDataDirectory.Prepare(Options(new string('t', 40), "configured-password", new string('k', 40)));
        Assert.Empty(secrets.Generated);
        Assert.Equal("Security:KeyEncryptionKey", secrets.KeyEncryptionKeySource);
        Assert.Equal((new string('t', 40), "configured-password"), (secrets.TokenSecret, secrets.BrokerPassword));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Prepare_DamagedSecretFile_InvalidDataNamingTheFile()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "token-secret"), "short");
        var error = Assert.Throws<InvalidDataException>(() => HubDataDirectory.Prepare(Options()));
        Assert.Contains("token-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_PreviousKeyFilePresent_ReadForTheRotation()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "key-encryption-key.previous"), new string('p', 40));
        Assert.Equal(new string('p', 40), HubDataDirectory.Prepare(Options()).PreviousKeyEncryptionKey);
    }
}
