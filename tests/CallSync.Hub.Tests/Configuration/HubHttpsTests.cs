using System.Net;
using System.Security.Cryptography;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using CallSync.Hub.Configuration;
using CallSync.Testing.Files;
using CallSync.Testing.Ports;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Tests.Configuration;

/// <summary>An https:// URL with Http:Certificate and Http:CertificateKey: the hub serves its API over TLS with that certificate.</summary>
[SupportedOSPlatform("linux")]
public sealed class HubHttpsTests : IDisposable
{
    private readonly TempDirectory _dir = new("callsync-hub-https-");

    public void Dispose() => _dir.Dispose();

    private (string Certificate, string Key, string Thumbprint) MakeCertificate(UnixFileMode keyMode)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = _dir.File("hub.crt");
        var keyPath = _dir.File("hub.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyPath, keyMode);
        return (certificatePath, keyPath, certificate.Thumbprint);
    }

    [Fact]
    public async Task Start_HttpsWithCertificate_ServesTheApiWithIt()
    {
        var (certificate, key, thumbprint) = MakeCertificate(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var port = FreePort.Tcp();
        var options = HubConfigurationTests.Read(out var report,
            ("Security:TokenSecret", HubConfigurationTests.Secret), ("Http:Urls", "https://127.0.0.1:0"),
            ("Http:Certificate", certificate), ("Http:CertificateKey", key),
            ("Storage:DataDir", _dir.Path),
            ("Mqtt:Embedded", "true"), ("Mqtt:EmbeddedPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Mqtt:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(options is not null, string.Join('\n', report.Problems.Select(p => p.Message)));

        await using var app = HubApplication.Build(options, TimeProvider.System, logging => logging.AddFilter(_ => false));
        await HubApplication.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        try
        {
            string? seen = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => (seen = presented?.Thumbprint) == thumbprint,
            };
            using var http = new HttpClient(handler) { BaseAddress = HubApplication.BoundAddress(app), Timeout = TimeSpan.FromSeconds(30) };

            Assert.Equal("https", http.BaseAddress.Scheme);
            Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            Assert.Equal(thumbprint, seen);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void TryRead_KeyReadableByOthersOrNotMatching_Refused()
    {
        var (certificate, key, _) = MakeCertificate(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Null(HubConfigurationTests.Read(out var report, ("Security:TokenSecret", HubConfigurationTests.Secret),
            ("Http:Urls", "https://127.0.0.1:0"), ("Http:Certificate", certificate), ("Http:CertificateKey", key)));
        Assert.Equal(["Http:CertificateKey"], report.Problems.Select(p => p.Key));

        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(certificate, "not a certificate");
        Assert.Null(HubConfigurationTests.Read(out report, ("Security:TokenSecret", HubConfigurationTests.Secret),
            ("Http:Urls", "https://127.0.0.1:0"), ("Http:Certificate", certificate), ("Http:CertificateKey", key)));
        Assert.Equal("configuration: Http:Certificate = \"" + certificate + "\" is invalid; expected a PEM certificate that matches the PEM private key in Http:CertificateKey",
            Assert.Single(report.Problems).Message);
    }
}
