using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Tests.Fakes;

/// <summary>A sender that records what the stack sent, with the fake time it was sent at.</summary>
public sealed class RecordingSender(TimeProvider time) : ISipMessageSender
{
    private readonly Lock _gate = new();
    private readonly List<(SipMessage Message, SipTarget Target, DateTimeOffset At)> _sent = [];

    public IReadOnlyList<(SipMessage Message, SipTarget Target, DateTimeOffset At)> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public event Action<SipMessage, SipTarget>? MessageSent;

    public void Send(SipMessage message, SipTarget target)
    {
        lock (_gate)
        {
            _sent.Add((message, target, time.GetUtcNow()));
        }

        MessageSent?.Invoke(message, target);
    }

    public IReadOnlyList<SipRequest> Requests(string method) =>
        [.. Sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method.Name == method)];

    public IReadOnlyList<SipResponse> Responses(int statusCode) =>
        [.. Sent.Select(s => s.Message).OfType<SipResponse>().Where(r => r.StatusCode == statusCode)];

    public void Clear()
    {
        lock (_gate)
        {
            _sent.Clear();
        }
    }
}
