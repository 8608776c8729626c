using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CallSync.Mqtt;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Mosquitto;
using CallSync.Testing.Processes;

namespace CallSync.Records.Tests.Interop;

/// <summary>
/// The phone's MQTT link against a Mosquitto that only speaks TLS: server authentication with the installation's own
/// CA plus username/password, and mutual TLS with a client certificate. A record published over it is PUBACKed.
/// </summary>
[Trait("Category", "Interop")]
[Collection("Mosquitto")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MqttTlsInteropTests : IDisposable
{
    private readonly TempDirectory _pki = new();
    private readonly string _caPath;
    private readonly string _serverCertPath;
    private readonly string _serverKeyPath;
    private readonly string _clientCertPath;
    private readonly string _clientKeyPath;
    private readonly string _otherCaPath;

    public MqttTlsInteropTests()
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa("CN=CallSync Test CA", caKey, notBefore, notAfter);
        _caPath = Write("ca.pem", ca.ExportCertificatePem());

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        server.CertificateExtensions.Add(names.Build());
        server.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var serverCert = server.Create(ca, notBefore, notAfter, [1]);
        _serverCertPath = Write("server.pem", serverCert.ExportCertificatePem());
        _serverKeyPath = Write("server.key", serverKey.ExportPkcs8PrivateKeyPem());

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var client = new CertificateRequest("CN=" + TestRecords.Device.DeviceId, clientKey, HashAlgorithmName.SHA256);
        client.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var clientCert = client.Create(ca, notBefore, notAfter, [2]);
        _clientCertPath = Write("client.pem", clientCert.ExportCertificatePem());
        _clientKeyPath = Write("client.key", clientKey.ExportPkcs8PrivateKeyPem());

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = CreateCa("CN=Some Other CA", otherKey, notBefore, notAfter);
        _otherCaPath = Write("other-ca.pem", other.ExportCertificatePem());

        // Mosquitto drops to its own user when started as root: it must be able to read the files.
        File.SetUnixFileMode(_pki.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Tool.RunChecked("mosquitto_passwd", "-b", "-c", _pki.File("passwd"), "desk", "secret-1");
        foreach (var file in Directory.EnumerateFiles(_pki.Path))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Publish_TlsWithPassword_RecordAcknowledged()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoOptions { Listener = PasswordListener });

        var acknowledged = await PublishOneAsync(new MqttLinkOptions
        {
            Url = $"mqtts://127.0.0.1:{broker.Port}",
            CaCertificatePath = _caPath,
            Username = "desk",
            Password = "secret-1",
        });

        Assert.True(acknowledged);
    }

    [Fact]
    public async Task Connect_TlsWrongPassword_NotConnectedAndReasonLogged()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoOptions { Listener = PasswordListener });
        var logger = new ListLogger<MqttLink>();

        var acknowledged = await PublishOneAsync(
            new MqttLinkOptions { Url = $"mqtts://127.0.0.1:{broker.Port}", CaCertificatePath = _caPath, Username = "desk", Password = "wrong" },
            logger);

        Assert.False(acknowledged);
        Assert.Contains(logger.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_MutualTls_RecordAcknowledged()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoOptions { Listener = MutualTlsListener });

        var acknowledged = await PublishOneAsync(new MqttLinkOptions
        {
            Url = $"mqtts://127.0.0.1:{broker.Port}",
            CaCertificatePath = _caPath,
            ClientCertificatePath = _clientCertPath,
            ClientKeyPath = _clientKeyPath,
        });

        Assert.True(acknowledged);
    }

    [Fact]
    public async Task Connect_MutualTlsWithoutClientCertificate_NotConnected()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoOptions { Listener = MutualTlsListener });

        Assert.False(await PublishOneAsync(new MqttLinkOptions { Url = $"mqtts://127.0.0.1:{broker.Port}", CaCertificatePath = _caPath }));
    }

    [Fact]
    public async Task Connect_BrokerCertificateFromUntrustedCa_NotConnected()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoOptions { Listener = PasswordListener });

        Assert.False(await PublishOneAsync(new MqttLinkOptions
        {
            Url = $"mqtts://127.0.0.1:{broker.Port}",
            CaCertificatePath = _otherCaPath,
            Username = "desk",
            Password = "secret-1",
        }));
    }

    private static X509Certificate2 CreateCa(string subject, ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>Commits one record and runs the link and publisher for a bounded time; true when the broker PUBACKed it.</summary>
    private static async Task<bool> PublishOneAsync(MqttLinkOptions options, ListLogger<MqttLink>? logger = null)
    {
        using var data = new TempDirectory();
        using var db = RecordsDatabase.OpenInDirectory(data.Path);
        var outboxOptions = new OutboxOptions();
        var outbox = new RecordOutbox(db, outboxOptions, TimeProvider.System, new ListLogger<RecordOutbox>());
        outbox.Enqueue(TestRecords.IdFor(1), "callsync/v1/devices/desk-test/calls", TestRecords.Payload(1));

        await using var link = new MqttLink(options, TestRecords.Device, 1, TimeProvider.System, logger ?? new ListLogger<MqttLink>());
        await using var publisher = new OutboxPublisher(outbox, link, outboxOptions, TimeProvider.System, new ListLogger<OutboxPublisher>());
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.Acknowledged += _ => acknowledged.TrySetResult();
        link.Connected += publisher.Wake;
        link.Start();
        publisher.Start();
        var finished = await Task.WhenAny(acknowledged.Task, Task.Delay(TimeSpan.FromSeconds(8)));
        return finished == acknowledged.Task;
    }

    private string PasswordListener(int port) => $"""
        listener {port} 127.0.0.1
        cafile {_caPath}
        certfile {_serverCertPath}
        keyfile {_serverKeyPath}
        allow_anonymous false
        password_file {Path.Combine(_pki.Path, "passwd")}
        """;

    private string MutualTlsListener(int port) => $"""
        listener {port} 127.0.0.1
        cafile {_caPath}
        certfile {_serverCertPath}
        keyfile {_serverKeyPath}
        require_certificate true
        use_identity_as_username true
        allow_anonymous false
        """;

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_pki.Path, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
