using CallSync.Hal;

namespace CallSync.Agent.Media;

/// <summary>
/// Stands in for the handset on a call that does not have it (a second line): every 20 ms of the TimeProvider it
/// hands the call a frame of silence as microphone and discards what it would play, so the call's RTP is received,
/// concealed and recorded (remote leg on the right, silence on the left) and silence is sent.
/// </summary>
internal sealed class LineClock : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private readonly IAudioFrameHandler _handler;
    private readonly short[] _silence;
    private readonly short[] _discard;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private bool _stopped;

    public LineClock(IAudioFrameHandler handler, int frameSamples, TimeProvider time)
    {
        _handler = handler;
        _silence = new short[frameSamples];
        _discard = new short[frameSamples];
        _timer = time.CreateTimer(static s => ((LineClock)s!).Tick(), this, Period, Period);
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _stopped = true; // a tick already running finishes before Dispose returns
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                _handler.OnFrame(_silence, _discard);
            }
        }
    }
}
