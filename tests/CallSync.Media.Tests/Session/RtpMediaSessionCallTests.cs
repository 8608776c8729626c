using System.Collections.Concurrent;
using System.Net;
using CallSync.Media.Session;
using CallSync.Media.Tests.Recording;
using CallSync.Media.Tests.Support;
using CallSync.Recording;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Session;

[Trait("Category", "Interop")]
public sealed class RtpMediaSessionCallTests
{
    private const int Rate = LoopbackSessions.Rate;
    private static readonly MediaCodecChoice Opus = LoopbackSessions.Opus;

    private static RtpMediaSession CreateSession(int basePort) => LoopbackSessions.Create(basePort);

    private static int RandomBase() => LoopbackSessions.RandomBase();

    private static RecordingMetadata Metadata(string id) => new(id, "c1", "201", "202", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Call_TwoSessionsOverLoopback_RecordingHasLocalToneLeftRemoteToneRight()
    {
        using var dir = new TempDirectory();
        int basePort = RandomBase();
        await using RtpMediaSession a = CreateSession(basePort);
        await using RtpMediaSession b = CreateSession(basePort);
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, Metadata("call"), Rate, NullLogger<CallRecorder>.Instance);
        a.AttachRecordingSink(recorder);
        var digits = new ConcurrentQueue<char>();
        b.DigitReceived += (_, e) => digits.Enqueue(e.Digit);

        a.Start(new IPEndPoint(IPAddress.Loopback, b.LocalPort), Opus, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), Opus, MediaDirection.SendReceive);
        var device = new PacedDevice(Rate);
        const int frames = 200; // 4 s of talk time
        device.Run(a, 400, b, 1000, frames, i =>
        {
            if (i == 150)
            {
                Assert.True(a.SendDigits("12#"));
            }
        });

        RecordingResult result = await recorder.StopAsync();
        MediaStatistics statsA = await a.StopAsync();
        MediaStatistics statsB = await b.StopAsync();

        (TimeSpan duration, int channels, _) = RecordingAssertions.OpusInfo(result.Path);
        Assert.Equal(2, channels);
        Assert.InRange(duration.TotalMilliseconds, (frames * 20) - 60, (frames * 20) + 60);
        WavFile wav = RecordingAssertions.Decode(result.Path);
        short[] left = wav.Channel(0)[wav.SampleRate..];
        short[] right = wav.Channel(1)[wav.SampleRate..];
        double leftDb = Signal.Db(Signal.Goertzel(left, wav.SampleRate, 400), Signal.Goertzel(right, wav.SampleRate, 400));
        double rightDb = Signal.Db(Signal.Goertzel(right, wav.SampleRate, 1000), Signal.Goertzel(left, wav.SampleRate, 1000));
        Assert.True(leftDb >= 30, $"400 Hz left over right {leftDb:F1} dB");
        Assert.True(rightDb >= 30, $"1 kHz right over left {rightDb:F1} dB");

        Assert.Equal(['1', '2', '#'], digits.ToArray());
        Assert.InRange(statsA.PacketsSent, frames - 1, frames);
        Assert.InRange(statsB.PacketsReceived, frames - 5, frames);
        Assert.Equal(0, statsA.PacketsLost);
        Assert.NotNull(statsA.RoundTripMs);
        Assert.InRange(statsA.RoundTripMs!.Value, 0, 200);
        Assert.True(statsA.Mos is >= 3.5 and <= 4.5, $"MOS {statsA.Mos:F2} late {statsA.LatePackets} concealed {statsA.ConcealedFrames} jitter {statsA.JitterMs:F1}");
        Assert.True(b.ByeReceived || statsB.PacketsReceived > 0);
    }

    [Fact]
    public async Task Call_FivePercentLossFortyMsJitterOnIncomingLeg_RtcpReportsLossAndRemoteToneSurvives()
    {
        using var dir = new TempDirectory();
        int basePort = RandomBase();
        await using RtpMediaSession a = CreateSession(basePort);
        await using RtpMediaSession b = CreateSession(basePort);
        using var relay = new ImpairmentRelay(seed: 7, loss: 0.05, maxDelay: TimeSpan.FromMilliseconds(40), duplicate: 0.01);
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, Metadata("impaired"), Rate, NullLogger<CallRecorder>.Instance);
        a.AttachRecordingSink(recorder);
        relay.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), new IPEndPoint(IPAddress.Loopback, b.LocalPort));

        a.Start(relay.EndpointForA, Opus, MediaDirection.SendReceive);
        b.Start(relay.EndpointForB, Opus, MediaDirection.SendReceive);
        const int frames = 300;
        new PacedDevice(Rate).Run(a, 400, b, 1000, frames);

        RecordingResult result = await recorder.StopAsync();
        MediaStatistics statsA = await a.StopAsync();
        MediaStatistics statsB = await b.StopAsync();

        Assert.True(relay.Dropped > 0);
        Assert.InRange(statsA.LossPercent, 1, 12);
        Assert.InRange(statsA.JitterMs, 2, 40);
        Assert.NotNull(statsB.RemoteCumulativeLost);
        Assert.True(statsB.RemoteCumulativeLost > 0, "B learned of the loss from A's RTCP receiver reports");
        Assert.True(statsA.Mos < 4.3);

        WavFile wav = RecordingAssertions.Decode(result.Path);
        short[] right = wav.Channel(1);
        double reference = 8000.0 / 2 * (8000.0 / 2);
        int block = wav.SampleRate / 10;
        for (int second = 0; second < frames / 50; second++)
        {
            // Ten 100 ms blocks per second (the first 300 ms of the call are the jitter buffer filling):
            // at least 7 of them must carry the remote tone within 10 dB of its full level.
            int present = 0;
            int counted = 0;
            for (int k = 0; k < 10; k++)
            {
                int start = (second * wav.SampleRate) + (k * block);
                if (start < 3 * block)
                {
                    continue;
                }

                counted++;
                double power = Signal.Goertzel(right.AsSpan(start, block), wav.SampleRate, 1000);
                present += power > reference * 0.1 ? 1 : 0;
            }

            Assert.True(present >= counted * 7 / 10, $"second {second}: remote tone in {present} of {counted} blocks");
        }
    }
}
