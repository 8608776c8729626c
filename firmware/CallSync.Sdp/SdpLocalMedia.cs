namespace CallSync.Sdp;

/// <summary>What this side can do for one audio stream; the input to offer and answer creation.</summary>
public sealed class SdpLocalMedia
{
    /// <summary>The address the peer should send RTP to (numeric).</summary>
    public required string Address { get; init; }

    /// <summary>The local RTP port.</summary>
    public required int Port { get; init; }

    /// <summary>Codecs in this side's preference order.</summary>
    public required IReadOnlyList<SdpCodec> Codecs { get; init; }

    /// <summary>The packetisation time in milliseconds written as <c>a=ptime</c> (20 by default).</summary>
    public int Ptime { get; init; } = 20;

    /// <summary>The <c>a=maxptime</c> value in milliseconds, or null to leave it out.</summary>
    public int? MaxPtime { get; init; }

    /// <summary>Whether to offer and accept RFC 4733 telephone-event (DTMF); true by default.</summary>
    public bool TelephoneEvent { get; init; } = true;

    /// <summary>The direction this side wants (sendonly to put the peer on hold).</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>The o= session id, constant for a call.</summary>
    public string SessionId { get; init; } = "0";

    /// <summary>The o= version; the caller increases it for every new offer or answer that changes (RFC 3264 section 8).</summary>
    public ulong SessionVersion { get; init; }

    /// <summary>The o= user name.</summary>
    public string UserName { get; init; } = "-";
}
