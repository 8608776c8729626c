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

    /// <summary>The calls not yet removed.</summary>
    public IReadOnlyCollection<PhoneCall> Calls => [.. _calls.Values];

    /// <summary>The call's entry, created on first sight.</summary>
    public PhoneCall GetOrAdd(string callId) => _calls.GetOrAdd(callId, static id => new PhoneCall(id, Guid.NewGuid()));

    /// <summary>The entry of a known call.</summary>
    public bool TryGet(string callId, out PhoneCall? call) => _calls.TryGetValue(callId, out call);

    /// <summary>Forgets a finished call.</summary>
    public void Remove(string callId) => _calls.TryRemove(callId, out _);
}
