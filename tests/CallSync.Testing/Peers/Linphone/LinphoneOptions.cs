namespace CallSync.Testing.Peers.Linphone;

/// <summary>One headless linphone-daemon (Debian linphone-cli 5.1.65) on 127.0.0.1.</summary>
public sealed record LinphoneOptions
{
    /// <summary>The user part of its identity (its From: <c>sip:USER@127.0.0.1</c>).</summary>
    public string User { get; init; } = "alice";

    /// <summary>Answers incoming calls at once (<c>--auto-answer</c>).</summary>
    public bool AutoAnswer { get; init; } = true;

    /// <summary>
    /// The only audio codecs it may use, in order ("PCMU", "PCMA", "G722", "opus", or linphone's own
    /// "mime/rate/channels"); null keeps linphone's defaults (opus, speex, PCMU, PCMA, G729).
    /// </summary>
    public IReadOnlyList<string>? Codecs { get; init; }

    /// <summary>
    /// SRTP with SDES keys, mandatory (linphonerc <c>media_encryption=srtp</c>, <c>media_encryption_mandatory=1</c>):
    /// it offers RTP/SAVP and refuses calls without keys. False: plain RTP.
    /// </summary>
    public bool SrtpMandatory { get; init; }

    /// <summary>How its <c>dtmf</c> command sends digits.</summary>
    public LinphoneDtmf Dtmf { get; init; } = LinphoneDtmf.Rfc4733;
}
