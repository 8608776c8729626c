using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CallSync.Sip.Transport.Tls;

/// <summary>
/// The loaded material of SIP over TLS: the trusted CAs (a bundle, or the system's store) and the phone's own
/// certificate with its key; and the one check of a server's certificate, which says in one line why it is refused.
/// TLS 1.2 and 1.3 only.
/// </summary>
public sealed class SipTlsContext
{
    /// <summary>The protocols offered and accepted.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    // A CA bundle or certificate file larger than this is not a certificate file (a bundle of every public CA is ~220 KB).
    private const long MaxPemBytes = 1024 * 1024;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    // id-kp-serverAuth (RFC 5280 4.2.1.12): what a server's certificate must allow when it lists usages at all.
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private SipTlsContext(X509Certificate2Collection? trustedRoots, X509Certificate2? certificate)
    {
        TrustedRoots = trustedRoots;
        Certificate = certificate;
    }

    /// <summary>The CAs of <see cref="SipTlsOptions.CaFile"/>, or null to trust the system's CA store.</summary>
    public X509Certificate2Collection? TrustedRoots { get; }

    /// <summary>The phone's certificate with its private key, or null.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Trust the system's store, no certificate of our own.</summary>
    public static SipTlsContext SystemTrust { get; } = new(null, null);

    /// <summary>A context from material already in memory (tests, or a caller that loaded it itself).</summary>
    public static SipTlsContext Create(X509Certificate2Collection? trustedRoots, X509Certificate2? certificate)
    {
        if (certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        }

        return new SipTlsContext(trustedRoots, certificate);
    }

    /// <summary>
    /// Loads and checks the files: the CA file parses and holds at least one certificate; the certificate and key come
    /// together, the key file is readable by its owner only, both parse, and the key belongs to the certificate.
    /// False with a one-line reason naming the file otherwise.
    /// </summary>
    public static bool TryLoad(SipTlsOptions options, [NotNullWhen(true)] out SipTlsContext? context, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        context = null;
        X509Certificate2Collection? roots = null;
        if (options.CaFile is { } caFile)
        {
            if (!TryReadPem(caFile, out var caText, out error))
            {
                return false;
            }

            roots = [];
            try
            {
                roots.ImportFromPem(caText);
            }
            catch (CryptographicException ex)
            {
                error = $"{caFile}: not a PEM certificate bundle ({ex.Message.TrimEnd('.')})";
                return false;
            }

            if (roots.Count == 0)
            {
                error = $"{caFile}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
                return false;
            }
        }

        if ((options.Certificate is null) != (options.PrivateKey is null))
        {
            error = options.Certificate is null
                ? "Sip:Tls:PrivateKey is set without Sip:Tls:Certificate"
                : "Sip:Tls:Certificate is set without Sip:Tls:PrivateKey";
            return false;
        }

        X509Certificate2? certificate = null;
        if (options.Certificate is { } certificateFile && options.PrivateKey is { } keyFile)
        {
            if (!IsOwnerOnly(keyFile, out error) || !TryReadPem(certificateFile, out var certificateText, out error) || !TryReadPem(keyFile, out var keyText, out error))
            {
                return false;
            }

            try
            {
                using var pem = X509Certificate2.CreateFromPem(certificateText, keyText);
                // An ephemeral key cannot serve TLS on every platform: round-trip through PKCS#12 once, at start.
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                error = $"{certificateFile} and {keyFile}: {Describe(ex)}";
                return false;
            }
        }

        error = null;
        context = new SipTlsContext(roots, certificate);
        return true;
    }

    /// <summary>
    /// Checks a server's certificate as the handshake presents it, against <see cref="TrustedRoots"/> (or the system's
    /// store, whose verdict the handshake already carries in <paramref name="errors"/>) at <paramref name="now"/>, and
    /// its name against the host that was asked for. Null when it is acceptable, else why not, in a few words:
    /// <c>certificate expired on 2026-01-31</c>, <c>certificate not trusted (issuer CN=Evil CA not in Sip:Tls:CaFile)</c>,
    /// <c>name mismatch: certificate is for other.example</c>.
    /// </summary>
    public string? Check(X509Certificate? presented, X509Chain? presentedChain, SslPolicyErrors errors, DateTimeOffset now)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "no certificate presented";
        }

        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
        {
            return $"certificate expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }

        if (now.UtcDateTime < certificate.NotBefore.ToUniversalTime())
        {
            return $"certificate not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }

        var chainStatus = TrustedRoots is null
            ? errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) ? X509ChainStatusFlags.UntrustedRoot : X509ChainStatusFlags.NoError
            : ChainToRoots(certificate, presentedChain, now);
        if (chainStatus == X509ChainStatusFlags.NotValidForUsage)
        {
            // Trusted, but issued for something else (a client or code-signing certificate): RFC 5280 4.2.1.12.
            return "certificate not for a server (its extended key usage has no TLS server authentication)";
        }

        if (chainStatus != X509ChainStatusFlags.NoError)
        {
            var where = TrustedRoots is null ? "the system's CA store" : "Sip:Tls:CaFile";
            return $"certificate not trusted (issuer {certificate.Issuer} not in {where})";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"name mismatch: certificate is for {NamesOf(certificate)}";
        }

        return null;
    }

    /// <summary>The names a certificate is for: its subject alternative names (DNS and IP), else its subject's CN.</summary>
    public static string NamesOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }

        return names.Count > 0 ? string.Join(", ", names) : certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    // NoError when the certificate chains to a root of Sip:Tls:CaFile and may serve TLS; NotValidForUsage when it
    // chains but its extended key usage excludes servers (the system store's check, done by the handshake, includes
    // that already); another flag otherwise.
    private X509ChainStatusFlags ChainToRoots(X509Certificate2 certificate, X509Chain? presentedChain, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(TrustedRoots!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (presentedChain is not null)
        {
            // The intermediates the server sent (element 0 is its own certificate).
            foreach (var element in presentedChain.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(certificate))
        {
            return X509ChainStatusFlags.NoError;
        }

        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, static (all, element) => all | element.Status);
        return status == X509ChainStatusFlags.NotValidForUsage ? status : status & ~X509ChainStatusFlags.NotValidForUsage;
    }

    private static bool TryReadPem(string path, out string text, [NotNullWhen(false)] out string? error)
    {
        text = string.Empty;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = $"{path}: no such file";
                return false;
            }

            if (info.Length > MaxPemBytes)
            {
                error = $"{path}: {info.Length} bytes, more than a PEM file of at most {MaxPemBytes} bytes";
                return false;
            }

            text = File.ReadAllText(path);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot be read ({ex.Message.TrimEnd('.')})";
            return false;
        }
    }

    private static bool IsOwnerOnly(string path, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return true; // a missing file is reported when it is read
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                error = $"{path}: a private key must be readable by its owner only (mode {Convert.ToString((int)mode, 8)}; chmod 600 {path})";
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot be read ({ex.Message.TrimEnd('.')})";
            return false;
        }
    }

    private static string Describe(Exception ex) =>
        ex.Message.Contains("match", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("public key", StringComparison.OrdinalIgnoreCase)
            ? "the private key does not belong to the certificate"
            : $"not a PEM certificate and private key ({ex.Message.TrimEnd('.')})";
}
