namespace CallSync.Testing.Peers.Baresip;

/// <summary>A headless baresip 1.0 account: who it is, what it plays, which codecs it takes.</summary>
public sealed record BaresipOptions
{
    /// <summary>The user part of its address of record.</summary>
    public string User { get; init; } = "bob";

    /// <summary>Its microphone: an 8 kHz mono 16-bit WAV file (baresip's aufile source).</summary>
    public required string AudioSource { get; init; }

    /// <summary>The account's codec list (only the g711 module is loaded).</summary>
    public string Codecs { get; init; } = "PCMU,PCMA";

    /// <summary>"auto" answers incoming calls at once; "manual" lets them ring.</summary>
    public string AnswerMode { get; init; } = "auto";

    /// <summary>
    /// The account's media encryption (baresip's <c>mediaenc</c>): null for plain RTP, <c>srtp-mand</c> for SRTP with
    /// SDES keys, mandatory (the srtp module is loaded).
    /// </summary>
    public string? MediaEncryption { get; init; }
}
