namespace CallSync.Sip.UserAgent;

/// <summary>
/// Something happened to a call. The user agent raises these in the order of the call's state changes, under the
/// call's lock: a handler must only queue the event (e.g. write it to a channel) and never block.
/// Every call raises exactly one <see cref="SipCallEnded"/>, last.
/// </summary>
/// <param name="Call">The call.</param>
public abstract record SipCallEvent(SipCall Call);
