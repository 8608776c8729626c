using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CallSync.Testing.Tls;

/// <summary>
/// Certificates made in memory for the TLS tests: a CA and server or phone certificates it signs (ECDSA P-256), so no
/// key or certificate file is committed. PEM files, when a test needs them, go to its own temp directory.
/// </summary>
public static class TestPki
{
    public static X509Certificate2 CreateCa(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    /// <summary>
    /// A certificate for <paramref name="dnsName"/> and 127.0.0.1, signed by <paramref name="ca"/>, with its private key,
    /// for TLS servers and clients unless <paramref name="clientOnly"/> (extended key usage clientAuth alone).
    /// </summary>
    public static X509Certificate2 CreateLeaf(
        X509Certificate2 ca, string dnsName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool clientOnly = false)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var clientAuth = new Oid("1.3.6.1.5.5.7.3.2");
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(clientOnly ? [clientAuth] : [new Oid("1.3.6.1.5.5.7.3.1"), clientAuth], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = DateTimeOffset.UtcNow;
        var from = notBefore ?? now.AddDays(-1);
        var to = notAfter ?? now.AddDays(30);
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signer = ca.GetECDsaPrivateKey()!;
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(signer), from, to, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 once, as SipTlsContext.TryLoad does: an ephemeral key cannot serve TLS everywhere.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public static string CertificatePem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem();
    }

    public static string KeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey()!;
        return key.ExportPkcs8PrivateKeyPem();
    }
}
