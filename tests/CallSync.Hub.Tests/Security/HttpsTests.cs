using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CallSync.Hub.Configuration;
using CallSync.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Tests.Security;

/// <summary>HTTPS through Kestrel's certificate configuration (<c>Http:CertificatePath</c>, <c>Http:CertificateKeyPath</c>), with a certificate made here.</summary>
public sealed class HttpsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-https-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Https_PemCertificateConfigured_ServesTheApiOverTlsWithThatCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_dir, "hub.pem");
        var keyPath = Path.Combine(_dir, "hub.key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        var plain = TestHub.Options(StorageProvider.Sqlite, "Data Source=" + Path.Combine(_dir, "hub.db"), FreePort.Next(), embedded: true, "hub");
        var options = new HubOptions
        {
            Http = new HttpOptions { Urls = "https://127.0.0.1:0", CertificatePath = certPath, CertificateKeyPath = keyPath },
            Storage = plain.Storage,
            Mqtt = plain.Mqtt,
            Security = plain.Security,
            Admin = plain.Admin,
        };
        await using var app = HubApplication.Build(options, TimeProvider.System, logging => logging.AddFilter(_ => false));
        await HubApplication.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                presented = cert is null ? null : new X509Certificate2(cert);
                return cert?.Thumbprint == certificate.Thumbprint;
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = HubApplication.BoundAddress(app) };

        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal("https", HubApplication.BoundAddress(app).Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(certificate.Thumbprint, presented!.Thumbprint);
        presented.Dispose();
        Directory.Delete(options.Storage.DataDir, recursive: true);
    }
}
