using System.Diagnostics;
using CallSync.Hal;

namespace CallSync.Media.Tests.Support;

/// <summary>
/// A fake audio device for two handsets at once: a dedicated thread calls each handler every 20 ms of
/// wall-clock time (catching up if the machine stalls), with a tone as the microphone, and keeps what each
/// speaker played.
/// </summary>
internal sealed class PacedDevice
{
    private readonly int _rate;

    public PacedDevice(int rate) => _rate = rate;

    public List<short> PlayedA { get; } = [];

    public List<short> PlayedB { get; } = [];

    public void Run(IAudioFrameHandler a, double toneA, IAudioFrameHandler b, double toneB, int frames, Action<int>? perFrame = null)
    {
        int n = _rate / 50;
        var micA = new short[n];
        var micB = new short[n];
        var outA = new short[n];
        var outB = new short[n];
        long ia = 0;
        long ib = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < frames; i++)
        {
            TimeSpan due = TimeSpan.FromMilliseconds(20 * i);
            while (clock.Elapsed < due)
            {
                Thread.Sleep(1);
            }

            perFrame?.Invoke(i);
            Signal.Tone(micA, _rate, toneA, 8000, ref ia);
            Signal.Tone(micB, _rate, toneB, 8000, ref ib);
            a.OnFrame(micA, outA);
            b.OnFrame(micB, outB);
            PlayedA.AddRange(outA);
            PlayedB.AddRange(outB);
        }
    }
}
