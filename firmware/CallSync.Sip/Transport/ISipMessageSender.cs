using CallSync.Sip.Syntax;

namespace CallSync.Sip.Transport;

/// <summary>
/// The seam between transactions and transports: hand a message to the transport for one target.
/// Implementations do not block; a failed send is logged and surfaces to the transaction as a timeout.
/// </summary>
public interface ISipMessageSender
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/>.</summary>
    void Send(SipMessage message, SipTarget target);
}
