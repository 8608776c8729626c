namespace CallSync.Sip.Media;

/// <summary>Creates the media of a call when the call needs an offer or an answer.</summary>
public interface ICallMediaFactory
{
    /// <summary>Allocates the media (and its RTP port) for the call <paramref name="callId"/>.</summary>
    ICallMedia Create(string callId);
}
