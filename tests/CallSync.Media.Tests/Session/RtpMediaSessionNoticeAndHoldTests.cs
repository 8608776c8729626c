using System.Net;
using CallSync.Media.Session;
using CallSync.Media.Tests.Recording;
using CallSync.Media.Tests.Support;
using CallSync.Recording;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Session;

/// <summary>The recording notice tone reaches both parties; hold time is recorded as silence and keeps the timeline.</summary>
[Trait("Category", "Interop")]
public sealed class RtpMediaSessionNoticeAndHoldTests
{
    private const int Rate = LoopbackSessions.Rate;
    private const double NoticeHz = 1400;
    private static readonly MediaCodecChoice Opus = LoopbackSessions.Opus;

    private static RtpMediaSession CreateSession(int basePort, bool noticeTone = false) =>
        LoopbackSessions.Create(basePort, o => o.NoticeTone = noticeTone);

    private static int RandomBase() => LoopbackSessions.RandomBase();

    private static double Power(List<short> samples, double fromSeconds, double toSeconds, double hz) =>
        Signal.Goertzel(samples.ToArray().AsSpan((int)(fromSeconds * Rate), (int)((toSeconds - fromSeconds) * Rate)), Rate, hz);

    [Fact]
    public async Task Start_NoticeToneOn_BothPartiesAndTheRecordingHearItOnceAtTheStart()
    {
        using var dir = new TempDirectory();
        int basePort = RandomBase();
        await using RtpMediaSession a = CreateSession(basePort, noticeTone: true);
        await using RtpMediaSession b = CreateSession(basePort);
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, new("notice", "c1", "201", "202", DateTimeOffset.UtcNow), Rate, NullLogger<CallRecorder>.Instance);
        a.AttachRecordingSink(recorder);
        a.Start(new IPEndPoint(IPAddress.Loopback, b.LocalPort), Opus, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), Opus, MediaDirection.SendReceive);

        var device = new PacedDevice(Rate);
        device.Run(a, 400, b, 1000, frames: 100);
        RecordingResult result = await recorder.StopAsync();
        await a.StopAsync();
        await b.StopAsync();

        // This desk phone's user hears it in the first 200 ms, the remote party as soon as it arrives (jitter buffer).
        double localDb = Signal.Db(Power(device.PlayedA, 0, 0.2, NoticeHz), Power(device.PlayedA, 1.0, 1.2, NoticeHz));
        double remoteDb = Signal.Db(Power(device.PlayedB, 0, 0.8, NoticeHz), Power(device.PlayedB, 1.2, 2.0, NoticeHz));
        Assert.True(localDb >= 20, $"notice tone on the local speaker {localDb:F1} dB over later");
        Assert.True(remoteDb >= 20, $"notice tone at the remote party {remoteDb:F1} dB over later");

        WavFile wav = RecordingAssertions.Decode(result.Path);
        short[] left = wav.Channel(0);
        double recordedDb = Signal.Db(
            Signal.Goertzel(left.AsSpan(0, wav.SampleRate / 5), wav.SampleRate, NoticeHz),
            Signal.Goertzel(left.AsSpan(wav.SampleRate, wav.SampleRate / 5), wav.SampleRate, NoticeHz));
        Assert.True(recordedDb >= 20, $"notice tone in the recording {recordedDb:F1} dB over later");
    }

    [Fact]
    public async Task Update_HoldAndResume_HoldRecordedAsSilenceTimelineKeptNothingSentWhileHolding()
    {
        using var dir = new TempDirectory();
        int basePort = RandomBase();
        await using RtpMediaSession a = CreateSession(basePort);
        await using RtpMediaSession b = CreateSession(basePort);
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, new("hold", "c1", "201", "202", DateTimeOffset.UtcNow), Rate, NullLogger<CallRecorder>.Instance);
        a.AttachRecordingSink(recorder);
        var toB = new IPEndPoint(IPAddress.Loopback, b.LocalPort);
        a.Start(toB, Opus, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), Opus, MediaDirection.SendReceive);

        // 2 s talking, 2 s on hold (we hold: receive only, nothing sent), 2 s talking again.
        const int frames = 300;
        new PacedDevice(Rate).Run(a, 400, b, 1000, frames, i =>
        {
            if (i == 100)
            {
                a.Update(toB, Opus, MediaDirection.ReceiveOnly);
            }
            else if (i == 200)
            {
                a.Update(toB, Opus, MediaDirection.SendReceive);
            }
        });
        RecordingResult result = await recorder.StopAsync();
        MediaStatistics statsA = await a.StopAsync();
        await b.StopAsync();

        Assert.InRange(statsA.PacketsSent, 195, 201);
        (TimeSpan duration, int channels, _) = RecordingAssertions.OpusInfo(result.Path);
        Assert.Equal(2, channels);
        Assert.InRange(duration.TotalMilliseconds, (frames * 20) - 60, (frames * 20) + 60);

        WavFile wav = RecordingAssertions.Decode(result.Path);
        short[] left = wav.Channel(0);
        short[] right = wav.Channel(1);
        int second = wav.SampleRate;
        double Level(short[] channel, double at, double hz) => Signal.Goertzel(channel.AsSpan((int)(at * second), second / 2), wav.SampleRate, hz);

        // Talking before and after: both tones present. On hold: both channels silent, well below the talk level.
        Assert.True(Signal.Db(Level(left, 1.2, 400), Level(left, 3.0, 400)) >= 30, "local tone before hold vs during hold");
        Assert.True(Signal.Db(Level(right, 1.2, 1000), Level(right, 3.0, 1000)) >= 30, "remote tone before hold vs during hold");
        Assert.True(Signal.Db(Level(left, 5.0, 400), Level(left, 3.0, 400)) >= 30, "local tone after resume vs during hold");
        Assert.True(Signal.Db(Level(right, 5.0, 1000), Level(right, 3.0, 1000)) >= 30, "remote tone after resume vs during hold");
    }
}
