using System.Security.Cryptography.X509Certificates;
using CallSync.Sip.Transport.Tls;
using CallSync.Testing.Tls;

namespace CallSync.Sip.Tests.Transport.Tls;

/// <summary>Loading the TLS files: what is accepted, and the one-line reason for each file that is not.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SipTlsContextTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-tls-").FullName;
    private readonly X509Certificate2 _ca = TestPki.CreateCa("CallSync Test CA");

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, string text, UnixFileMode mode = OwnerOnly)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void TryLoad_CaCertificateAndOwnerOnlyKey_Loaded()
    {
        using var phone = TestPki.CreateLeaf(_ca, "desk-0001.example");
        var options = new SipTlsOptions
        {
            CaFile = Write("ca.pem", TestPki.CertificatePem(_ca), OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
            Certificate = Write("phone.crt", TestPki.CertificatePem(phone)),
            PrivateKey = Write("phone.key", TestPki.KeyPem(phone), UnixFileMode.UserRead),
        };

        Assert.True(SipTlsContext.TryLoad(options, out var context, out var error), error);

        Assert.Equal(_ca.Thumbprint, Assert.Single(context.TrustedRoots!).Thumbprint);
        Assert.Equal(phone.Thumbprint, context.Certificate!.Thumbprint);
        Assert.True(context.Certificate.HasPrivateKey);
    }

    [Fact]
    public void TryLoad_KeyReadableByGroup_RefusedWithChmodHint()
    {
        using var phone = TestPki.CreateLeaf(_ca, "desk-0001.example");
        var key = Write("phone.key", TestPki.KeyPem(phone), OwnerOnly | UnixFileMode.GroupRead);
        var options = new SipTlsOptions { Certificate = Write("phone.crt", TestPki.CertificatePem(phone)), PrivateKey = key };

        Assert.False(SipTlsContext.TryLoad(options, out _, out var error));

        Assert.Equal($"{key}: a private key must be readable by its owner only (mode 640; chmod 600 {key})", error);
    }

    [Fact]
    public void TryLoad_KeyOfAnotherCertificate_Refused()
    {
        using var phone = TestPki.CreateLeaf(_ca, "desk-0001.example");
        using var other = TestPki.CreateLeaf(_ca, "desk-0002.example");
        var certificate = Write("phone.crt", TestPki.CertificatePem(phone));
        var key = Write("other.key", TestPki.KeyPem(other));

        Assert.False(SipTlsContext.TryLoad(new SipTlsOptions { Certificate = certificate, PrivateKey = key }, out _, out var error));

        Assert.Equal($"{certificate} and {key}: the private key does not belong to the certificate", error);
    }

    [Fact]
    public void TryLoad_CaFileWithoutCertificates_Refused()
    {
        var ca = Write("ca.pem", "not a certificate\n");

        Assert.False(SipTlsContext.TryLoad(new SipTlsOptions { CaFile = ca }, out _, out var error));

        Assert.Equal($"{ca}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)", error);
    }

    [Fact]
    public void TryLoad_CertificateWithoutKey_Refused()
    {
        using var phone = TestPki.CreateLeaf(_ca, "desk-0001.example");

        Assert.False(SipTlsContext.TryLoad(new SipTlsOptions { Certificate = Write("phone.crt", TestPki.CertificatePem(phone)) }, out _, out var error));

        Assert.Equal("Sip:Tls:Certificate is set without Sip:Tls:PrivateKey", error);
    }

    [Fact]
    public void TryLoad_Nothing_TrustsTheSystemStore()
    {
        Assert.True(SipTlsContext.TryLoad(new SipTlsOptions(), out var context, out _));

        Assert.Null(context.TrustedRoots);
        Assert.Null(context.Certificate);
    }
}
