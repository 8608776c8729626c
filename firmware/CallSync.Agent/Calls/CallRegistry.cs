using System.Collections.Concurrent;

namespace CallSync.Agent.Calls;

/// <summary>
/// The agent's view of every live call, keyed by SIP Call-ID. Whoever meets a call first (the media factory
/// asked for an RTP port, or a call event) creates its entry, so the record id is fixed before the recording
/// starts.
/// </summary>
public sealed class CallRegistry
{
    private readonly ConcurrentDictionary<string, PhoneCall> _calls = new(StringComparer.Ordinal);

    /// <summary>The call's entry, created on first sight.</summary>
    public PhoneCall GetOrAdd(string callId) => _calls.GetOrAdd(callId, static id => new PhoneCall(id, Guid.NewGuid()));

    /// <summary>Forgets a finished call.</summary>
    public void Remove(string callId) => _calls.TryRemove(callId, out _);
}
