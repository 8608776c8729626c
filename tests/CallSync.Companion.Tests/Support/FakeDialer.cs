using System.Collections.Concurrent;
using CallSync.Companion.Messages;

namespace CallSync.Companion.Tests.Support;

/// <summary>Stands in for the agent's call manager: records numbers, answers with a scripted outcome, raises call events.</summary>
public sealed class FakeDialer : ICompanionDialer
{
    public event EventHandler<CompanionCallEventArgs>? CallEvent;

    public ConcurrentQueue<string> Numbers { get; } = new();

    public Func<string, CompanionDialOutcome> Answer { get; set; } = _ => CompanionDialOutcome.Started("rec-0001");

    public bool RaiseProgress { get; set; } = true;

    public ValueTask<CompanionDialOutcome> DialAsync(string number, CancellationToken cancellationToken)
    {
        Numbers.Enqueue(number);
        var outcome = Answer(number);
        if (outcome.Status == CompanionDialStatus.Started && RaiseProgress)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
            CallEvent?.Invoke(this, new CompanionCallEventArgs(outcome.RecordId, CallEventKind.Ringing, at, string.Empty));
            CallEvent?.Invoke(this, new CompanionCallEventArgs(outcome.RecordId, CallEventKind.Answered, at.AddSeconds(3), string.Empty));
            CallEvent?.Invoke(this, new CompanionCallEventArgs(outcome.RecordId, CallEventKind.Ended, at.AddSeconds(30), "answered"));
        }

        return ValueTask.FromResult(outcome);
    }
}
