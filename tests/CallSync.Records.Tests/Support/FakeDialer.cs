using CallSync.Contracts;
using CallSync.Mqtt;

namespace CallSync.Records.Tests.Support;

/// <summary>Counts dial requests and completes each with a fixed outcome (optionally held until released).</summary>
public sealed class FakeDialer : IDialer
{
    private int _dials;

    public DeviceActivity Activity { get; set; } = DeviceActivity.Idle;

    public int Dials => Volatile.Read(ref _dials);

    public string? LastNumber { get; private set; }

    public CallOrigin? LastOrigin { get; private set; }

    public Guid RecordId { get; set; } = Guid.Parse("11111111-2222-3333-4444-555555555555");

    public DialCommandOutcome? Outcome { get; set; }

    public TaskCompletionSource? Hold { get; set; }

    public bool HangupResult { get; set; } = true;

    public async Task<DialCommandOutcome> DialAsync(string number, CallOrigin origin, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _dials);
        LastNumber = number;
        LastOrigin = origin;
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return Outcome ?? DialCommandOutcome.Completed(RecordId, CallResult.Answered);
    }

    public Task<bool> HangupAsync(CancellationToken cancellationToken) => Task.FromResult(HangupResult);
}
