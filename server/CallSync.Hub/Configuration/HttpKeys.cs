using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Http section: declared keys and how they become <see cref="HttpOptions"/>.</summary>
internal static class HttpKeys
{
    public static readonly ConfigSection Section = new("Http", "The HTTP API listener (Kestrel).");

    public static readonly ConfigKey<string> Urls = Section.Add("Urls",
        ConfigValues.Text("http:// or https:// URLs (scheme, host, port; no path) separated by ';'", IsUrlList, maxLength: 1024),
        "http://127.0.0.1:8080",
        "where the API listens; port 0 picks a free port; `https://` needs `Http:Certificate` and `Http:CertificateKey`");

    public static readonly ConfigKey<string?> Certificate = Section.Optional("Certificate",
        ConfigValues.ExistingFile("an absolute path to an existing PEM certificate file"),
        "the server certificate for `https://` URLs (its chain may follow it in the file)");

    public static readonly ConfigKey<string?> CertificateKey = Section.Optional("CertificateKey",
        ConfigValues.PrivateKeyFile("an absolute path to an existing PEM private key file readable by its owner only (chmod 600)"),
        "the certificate's private key");

    public static HttpOptions Read(ConfigReader reader)
    {
        var urls = reader.Get(Urls);
        var certificate = reader.Get(Certificate);
        var key = reader.Get(CertificateKey);
        reader.RequireTogether(Certificate, "the certificate of Http:CertificateKey (a PEM file)",
            CertificateKey, "the private key of Http:Certificate (a PEM file, chmod 600)");
        if (certificate is not null && key is not null && !CanLoad(certificate, key))
        {
            reader.Fail(Certificate, "a PEM certificate that matches the PEM private key in Http:CertificateKey");
        }

        if (certificate is null && !reader.HasProblem(Urls) && !reader.HasProblem(Certificate) && Split(urls).Any(IsHttps))
        {
            reader.Fail(Urls, "http:// URLs, or https:// ones with Http:Certificate and Http:CertificateKey set");
        }

        return new HttpOptions { Urls = urls, Certificate = certificate, CertificateKey = key };
    }

    /// <summary>Loads the configured certificate with its key (already checked by <see cref="Read"/>).</summary>
    public static X509Certificate2 LoadCertificate(HttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return X509Certificate2.CreateFromPemFile(options.Certificate!, options.CertificateKey);
    }

    private static bool CanLoad(string certificate, string key)
    {
        try
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certificate, key);
            return loaded.HasPrivateKey;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static string[] Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsHttps(string url) => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    // Kestrel's URL forms: a scheme, a host (an IP, a name, or * / + for every address), a port, nothing after it.
    private static bool IsUrlList(string urls)
    {
        var parts = Split(urls);
        return parts.Length > 0 && parts.All(part =>
            Uri.TryCreate(part.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal),
                UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            && uri.UserInfo.Length == 0);
    }
}
