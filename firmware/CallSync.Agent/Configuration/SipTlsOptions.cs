namespace CallSync.Agent.Configuration;

/// <summary>Files for SIP over TLS (Sip:Tls:*); reserved: validated, not used yet. Each an absolute path to an existing file.</summary>
internal sealed record SipTlsOptions
{
    /// <summary>Sip:Tls:CaFile, PEM CA certificates that sign the peers' certificates, or null for the system's.</summary>
    public string? CaFile { get; init; }

    /// <summary>Sip:Tls:Certificate, the phone's PEM certificate (set together with <see cref="PrivateKey"/>).</summary>
    public string? Certificate { get; init; }

    /// <summary>Sip:Tls:PrivateKey, its PEM private key, readable by its owner only.</summary>
    public string? PrivateKey { get; init; }
}
