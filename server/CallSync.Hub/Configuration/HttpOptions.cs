namespace CallSync.Hub.Configuration;

/// <summary>The HTTP API listener.</summary>
internal sealed class HttpOptions
{
    /// <summary>Semicolon-separated Kestrel URLs; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>PEM server certificate for https:// URLs (with <see cref="CertificateKey"/>), or null.</summary>
    public string? Certificate { get; init; }

    /// <summary>Its PEM private key, readable by its owner only.</summary>
    public string? CertificateKey { get; init; }
}
