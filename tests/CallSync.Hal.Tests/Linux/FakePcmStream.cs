using CallSync.Hal.Linux.Audio;

namespace CallSync.Hal.Tests.Linux;

/// <summary>
/// A scripted PCM: each read takes the next scripted result (a positive count delivers that many samples of a
/// running counter, a negative one is an alsa-lib error); with the script used up, reads return -EAGAIN and waits
/// block until the wait times out, like an idle sound card.
/// </summary>
internal sealed class FakePcmStream(string name) : IPcmStream
{
    private readonly Lock _gate = new();
    private readonly Queue<long> _reads = new();
    private readonly Queue<long> _writes = new();
    private readonly ManualResetEventSlim _idle = new();
    private short _next;

    public string Name { get; } = name;

    public List<int> Recovered { get; } = [];

    public List<short[]> Written { get; } = [];

    public int Prepared { get; private set; }

    public ManualResetEventSlim DroppedEvent { get; } = new();

    public int RecoverResult { get; set; }

    public bool Disposed { get; private set; }

    public FakePcmStream Reads(params long[] results)
    {
        lock (_gate)
        {
            foreach (var result in results)
            {
                _reads.Enqueue(result);
            }
        }

        return this;
    }

    public FakePcmStream Writes(params long[] results)
    {
        lock (_gate)
        {
            foreach (var result in results)
            {
                _writes.Enqueue(result);
            }
        }

        return this;
    }

    public void Prepare()
    {
        lock (_gate)
        {
            Prepared++;
        }
    }

    public int Drop()
    {
        DroppedEvent.Set();
        return 0;
    }

    public long Read(Span<short> buffer)
    {
        lock (_gate)
        {
            if (!_reads.TryDequeue(out var result))
            {
                return -11;
            }

            for (int i = 0; i < result && i < buffer.Length; i++)
            {
                buffer[i] = _next++;
            }

            return Math.Min(result, buffer.Length);
        }
    }

    public long Write(ReadOnlySpan<short> buffer)
    {
        lock (_gate)
        {
            long result = _writes.TryDequeue(out var scripted) ? scripted : buffer.Length;
            if (result > 0)
            {
                Written.Add(buffer[..(int)result].ToArray());
            }

            return result;
        }
    }

    public int Wait(TimeSpan timeout)
    {
        _idle.Wait(timeout);
        return 0;
    }

    public int Recover(int error)
    {
        lock (_gate)
        {
            Recovered.Add(error);
            return RecoverResult;
        }
    }

    public string Describe(int error) => $"fake error {error}";

    public ManualResetEventSlim DisposedEvent { get; } = new();

    public void Dispose()
    {
        Disposed = true;
        DisposedEvent.Set();
    }
}
