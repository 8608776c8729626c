namespace CallSync.Testing.Peers.Linphone;

/// <summary>How linphone sends the digits of its <c>dtmf</c> command.</summary>
public enum LinphoneDtmf
{
    /// <summary>RTP telephone-event packets (RFC 4733, formerly RFC 2833).</summary>
    Rfc4733,

    /// <summary>SIP INFO requests with an <c>application/dtmf-relay</c> body.</summary>
    SipInfo,
}
