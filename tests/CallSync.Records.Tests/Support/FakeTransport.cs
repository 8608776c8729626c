using System.Collections.Concurrent;

namespace CallSync.Records.Tests.Support;

/// <summary>An in-memory transport: records every publish; can be told to fail the next N publishes.</summary>
public sealed class FakeTransport : IRecordTransport
{
    private int _failuresLeft;
    private int _attempts;

    public ConcurrentQueue<(string Topic, byte[] Payload)> Published { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public bool IsConnected { get; set; } = true;

    public Action<int>? OnAttempt { get; set; }

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        int attempt = Interlocked.Increment(ref _attempts);
        OnAttempt?.Invoke(attempt);
        if (!IsConnected)
        {
            return Task.FromResult(false);
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return Task.FromResult(false);
        }

        Published.Enqueue((topic, payload.ToArray()));
        return Task.FromResult(true);
    }
}
