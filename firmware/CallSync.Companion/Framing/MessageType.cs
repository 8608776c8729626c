namespace CallSync.Companion.Framing;

/// <summary>The one-byte message type after the frame length (docs/companion-protocol.md, "Message types").</summary>
public enum MessageType : byte
{
    /// <summary>Companion -> phone: supported versions and software.</summary>
    Hello = 0x01,

    /// <summary>Phone -> companion: the selected version and the device identity.</summary>
    HelloAccept = 0x02,

    /// <summary>Either way: a refusal with a code and a reason; the sender closes afterwards.</summary>
    Error = 0x0F,

    /// <summary>Companion -> phone: starts numeric-comparison pairing with the companion's public key.</summary>
    PairStart = 0x10,

    /// <summary>Phone -> companion: the phone's public key and its commitment to its nonce.</summary>
    PairCommit = 0x11,

    /// <summary>Either way: a pairing nonce (companion first, then phone).</summary>
    PairNonce = 0x12,

    /// <summary>Companion -> phone: the app user's decision and the key-confirmation value.</summary>
    PairConfirm = 0x13,

    /// <summary>Phone -> companion: pairing outcome, companion id and the signed binding attestation.</summary>
    PairResult = 0x14,

    /// <summary>Companion -> phone: companion id and nonce, starts mutual authentication.</summary>
    AuthRequest = 0x20,

    /// <summary>Phone -> companion: the phone's nonce and its proof of the long-term key.</summary>
    AuthChallenge = 0x21,

    /// <summary>Companion -> phone: the companion's proof of the long-term key.</summary>
    AuthResponse = 0x22,

    /// <summary>Phone -> companion, the first sealed frame: the session is open.</summary>
    AuthOk = 0x23,

    /// <summary>Either way: liveness probe.</summary>
    Ping = 0x30,

    /// <summary>Answer to <see cref="Ping"/>.</summary>
    Pong = 0x31,

    /// <summary>Phone -> companion: a recording is ready.</summary>
    RecordingOffer = 0x40,

    /// <summary>Companion -> phone: send the offered recording from this offset.</summary>
    RecordingResume = 0x41,

    /// <summary>Phone -> companion: a piece of a recording.</summary>
    RecordingChunk = 0x42,

    /// <summary>Companion -> phone: bytes stored so far.</summary>
    RecordingAck = 0x43,

    /// <summary>Companion -> phone: the whole recording arrived and its SHA-256 was checked.</summary>
    RecordingDone = 0x44,

    /// <summary>Phone -> companion: nothing more to deliver now.</summary>
    RecordingQueueEmpty = 0x45,

    /// <summary>Companion -> phone: place a call.</summary>
    DialRequest = 0x50,

    /// <summary>Phone -> companion: outcome of a dial request.</summary>
    DialResult = 0x51,

    /// <summary>Phone -> companion: ringing, answered, ended.</summary>
    CallEvent = 0x52,

    /// <summary>Companion -> phone: forget this companion.</summary>
    Unpair = 0x60,

    /// <summary>Phone -> companion: the pairing was removed (either side asked).</summary>
    Unpaired = 0x61,

    /// <summary>An AES-GCM sealed frame carrying one inner message; the only type allowed after authentication.</summary>
    Sealed = 0x7F,
}
