using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>
/// How the call was protected on the network: its SIP signalling (TLS on the phone's hop) and its media (SRTP).
/// <see cref="Srtp"/> alone means SRTP whose keys crossed unencrypted SIP (<c>Rtp:AllowSdesOverPlainSip</c>): anyone
/// who saw the signalling can decrypt the audio, so it is not an encrypted call in the sense that matters.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallSecurity>))]
public enum CallSecurity
{
    /// <summary>Plain SIP and plain RTP (also every record from firmware that predates the field).</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>SIP over TLS, media as plain RTP.</summary>
    [JsonStringEnumMemberName("tls")]
    Tls,

    /// <summary>SRTP keyed by SDES over unencrypted SIP: the keys were readable on the wire (the unsafe opt-in).</summary>
    [JsonStringEnumMemberName("srtp")]
    Srtp,

    /// <summary>SIP over TLS and SRTP keyed by SDES inside it: signalling and audio encrypted.</summary>
    [JsonStringEnumMemberName("tls+srtp")]
    TlsAndSrtp,
}
