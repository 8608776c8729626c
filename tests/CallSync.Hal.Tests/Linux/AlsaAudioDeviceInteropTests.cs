using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Audio;
using CallSync.Testing.Audio;
using CallSync.Testing.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hal.Tests.Linux;

/// <summary>
/// The ALSA device against real alsa-lib with its file plugin. Those PCMs are not paced in real time (a second of
/// audio passes in about no time), so each test stops after a counted number of frames with a bounded wait.
/// </summary>
[Collection(AlsaCollection.Name)]
[Trait("Category", "Interop")]
public sealed class AlsaAudioDeviceInteropTests(AlsaFixture alsa)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>Keeps the first frames in preallocated arrays and plays a tone; allocates nothing per frame itself.</summary>
    private sealed class CollectingHandler : IAudioFrameHandler
    {
        private readonly short[] _tone;
        private int _tonePosition;
        private int _count;

        public CollectingHandler(int frames, int frameSamples, short[] tone)
        {
            Frames = new short[frames][];
            for (int i = 0; i < frames; i++)
            {
                Frames[i] = new short[frameSamples];
            }

            _tone = tone;
        }

        public short[][] Frames { get; }

        public ManualResetEventSlim Done { get; } = new();

        /// <summary>Bytes the audio thread allocated between frame 10 and the last collected frame.</summary>
        public long SteadyStateAllocated { get; private set; } = -1;

        private long _allocatedAtTen;

        public void OnFrame(ReadOnlySpan<short> captured, Span<short> playback)
        {
            if (_count == 10)
            {
                _allocatedAtTen = ThreadAllocations.Start();
            }

            if (_count < Frames.Length)
            {
                captured.CopyTo(Frames[_count]);
                _tone.AsSpan(_tonePosition, playback.Length).CopyTo(playback);
                _tonePosition += playback.Length;
            }

            _count++;
            if (_count == Frames.Length)
            {
                SteadyStateAllocated = ThreadAllocations.Since(_allocatedAtTen);
                Done.Set();
            }
        }
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Start_FileCaptureDevice_DeliversTheToneSampleForSampleIn20msFrames(int rate)
    {
        using var device = AlsaAudioDevice.Open(new AlsaAudioOptions(AlsaFixture.ToneDevice(rate), "null", rate),
            NullLogger<AlsaAudioDevice>.Instance);
        var handler = new CollectingHandler(40, device.FrameSamples, new short[40 * device.FrameSamples]);
        using (device.Start(handler))
        {
            Assert.True(handler.Done.Wait(Bound), "the capture thread delivered fewer than 40 frames");
        }

        Assert.Equal(rate / 50, device.FrameSamples);
        var tone = MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(alsa.TonePath(rate)));
        for (int i = 0; i < handler.Frames.Length; i++)
        {
            Assert.True(tone.Slice(i * device.FrameSamples, device.FrameSamples).SequenceEqual(handler.Frames[i]), $"frame {i} differs from the file");
        }

        var all = handler.Frames.SelectMany(f => f).ToArray();
        Assert.True(Goertzel.Power(all, AlsaFixture.ToneHz, rate) > 100 * Goertzel.Power(all, 1000, rate));
        Assert.Equal(0, device.CaptureOverruns);
    }

    [Fact]
    public void Start_FilePlaybackDevice_PlayedFramesLandInTheFile()
    {
        File.Delete(alsa.SpeakerPath);
        const int rate = 8000;
        var played = AlsaFixture.Tone(rate, 1000, seconds: 1);
        var handler = new CollectingHandler(50, rate / 50, played);
        using (var device = AlsaAudioDevice.Open(new AlsaAudioOptions("null", "callsync_speaker", rate), NullLogger<AlsaAudioDevice>.Instance))
        {
            using (device.Start(handler))
            {
                Assert.True(handler.Done.Wait(Bound), "the capture thread delivered fewer than 50 frames");
            }

            Assert.True(device.FramesDelivered >= 50);
            Assert.Equal(0, device.PlaybackSamplesDropped);
        }

        // The file plugin writes what the slave consumed; closing the PCM flushes it.
        var written = MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(alsa.SpeakerPath)).ToArray();
        Assert.True(written.Length >= 40 * 160, $"only {written.Length} samples reached the file");
        var start = written.AsSpan().IndexOf(played.AsSpan(0, 160));
        Assert.True(start >= 0, "the first played frame is not in the file");
        var head = written.AsSpan(start, 40 * 160);
        Assert.True(head.SequenceEqual(played.AsSpan(0, head.Length)), "the file does not hold the frames in order");
        Assert.True(Goertzel.Power(head, 1000, rate) > 100 * Goertzel.Power(head, AlsaFixture.ToneHz, rate));
    }

    [Fact]
    public void Start_SteadyState_AllocatesNothingPerFrame()
    {
        using var device = AlsaAudioDevice.Open(new AlsaAudioOptions(AlsaFixture.ToneDevice(8000), "null", 8000),
            NullLogger<AlsaAudioDevice>.Instance);
        var handler = new CollectingHandler(300, device.FrameSamples, new short[300 * device.FrameSamples]);
        using (device.Start(handler))
        {
            Assert.True(handler.Done.Wait(Bound));
        }

        Assert.Equal(0, handler.SteadyStateAllocated);
    }

    [Fact]
    public void Start_StopAndStartAgain_DeliversAgain()
    {
        using var device = AlsaAudioDevice.Open(new AlsaAudioOptions(AlsaFixture.ToneDevice(8000), "null", 8000),
            NullLogger<AlsaAudioDevice>.Instance);
        var first = new CollectingHandler(5, device.FrameSamples, new short[5 * 160]);
        using (device.Start(first))
        {
            Assert.True(first.Done.Wait(Bound));
            Assert.Throws<InvalidOperationException>(() => device.Start(first));
        }

        var second = new CollectingHandler(5, device.FrameSamples, new short[5 * 160]);
        using (device.Start(second))
        {
            Assert.True(second.Done.Wait(Bound));
        }
    }

    [Fact]
    public void Open_UnknownDeviceName_ThrowsWithAlsaReasonAndHint()
    {
        var error = Assert.Throws<AlsaException>(() =>
            AlsaAudioDevice.Open(new AlsaAudioOptions("callsync_no_such_pcm", "null", 8000), NullLogger<AlsaAudioDevice>.Instance));

        Assert.Equal(-2, error.ErrorCode);
        Assert.Equal(
            "ALSA open for capture on PCM \"callsync_no_such_pcm\" failed: No such file or directory (-2) " +
            "[alsa-lib: Unknown PCM callsync_no_such_pcm]; " +
            "no PCM of that name is defined (`aplay -L` lists them; check the ALSA configuration)",
            error.Message);
    }

    [Fact]
    public void Open_UnknownPlaybackName_NamesThePlaybackDevice()
    {
        var error = Assert.Throws<AlsaException>(() =>
            AlsaAudioDevice.Open(new AlsaAudioOptions("null", "callsync_no_speaker", 8000), NullLogger<AlsaAudioDevice>.Instance));

        Assert.StartsWith("ALSA open for playback on PCM \"callsync_no_speaker\" failed", error.Message);
    }
}
