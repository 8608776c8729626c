using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>
/// What happens after a call ends: media statistics gathered, the recording finalised, the record built and
/// split into the MQTT and companion outboxes. Returns the summary the dialers report.
/// </summary>
public interface ICallFinisher
{
    /// <summary>A call began: note it durably, so a crash before its end still yields its record.</summary>
    void Started(PhoneCall call, SipCall sipCall);

    /// <summary>The call was answered (or resumed: only the first answer counts): noted durably for the same reason.</summary>
    void Answered(PhoneCall call);

    /// <summary>Finishes <paramref name="call"/>; must not throw for the call's sake (errors are logged and flagged).</summary>
    Task<FinishedCallSummary> FinishAsync(PhoneCall call, SipCallOutcome outcome, CancellationToken cancellationToken);
}
