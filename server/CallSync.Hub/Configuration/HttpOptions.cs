namespace CallSync.Hub.Configuration;

/// <summary>The HTTP API listener.</summary>
internal sealed class HttpOptions
{
    /// <summary>Semicolon-separated Kestrel URLs (http:// or https://); port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>PEM certificate (chain) served on the https:// URLs; required when one is https.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>; null when the key is in the certificate file.</summary>
    public string? CertificateKeyPath { get; init; }
}
