namespace CallSync.Sip.Transport.Tls;

/// <summary>The files of SIP over TLS (the agent's <c>Sip:Tls:*</c>): each an absolute path to a PEM file, or null.</summary>
public sealed record SipTlsOptions
{
    /// <summary>The CA certificates that sign the servers' certificates; null: the system's CA store.</summary>
    public string? CaFile { get; init; }

    /// <summary>
    /// The phone's certificate: offered to a server that asks for one, and required to listen for TLS (<c>tls:</c>
    /// endpoints). Set together with <see cref="PrivateKey"/>.
    /// </summary>
    public string? Certificate { get; init; }

    /// <summary>The certificate's private key; its file must be readable by its owner only (0600 or 0400).</summary>
    public string? PrivateKey { get; init; }
}
