namespace CallSync.Agent.Calls;

/// <summary>What the phone asks of a live call's media: send a keypad digit as DTMF (RFC 4733).</summary>
public interface IInCallMedia
{
    /// <summary>Sends <paramref name="digit"/> on the call's RTP stream; false when the call has no media now.</summary>
    bool SendDtmf(string callId, char digit);
}
