using System.Net;
using CallSync.Media.Session;
using CallSync.Media.Tests.Recording;
using CallSync.Media.Tests.Support;
using CallSync.Recording;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Session;

/// <summary>The recording notice tone reaches both parties; hold is recorded as each side heard it and keeps the timeline.</summary>
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

    /// <summary>Runs 6 s of call (A records): 2 s talking, 2 s in <paramref name="hold"/>, 2 s talking again.</summary>
    private static async Task<(MediaStatistics A, WavFile Recording, List<short> PlayedB)> HoldWindowAsync(Action<RtpMediaSession, IPEndPoint> hold, Action<RtpMediaSession, IPEndPoint> resume)
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

        const int frames = 300;
        var device = new PacedDevice(Rate);
        device.Run(a, 400, b, 1000, frames, i =>
        {
            if (i == 100)
            {
                hold(a, toB);
            }
            else if (i == 200)
            {
                resume(a, toB);
            }
        });
        RecordingResult result = await recorder.StopAsync();
        MediaStatistics statsA = await a.StopAsync();
        await b.StopAsync();

        (TimeSpan duration, int channels, _) = RecordingAssertions.OpusInfo(result.Path);
        Assert.Equal(2, channels);
        Assert.InRange(duration.TotalMilliseconds, (frames * 20) - 60, (frames * 20) + 60); // one recorded period per period
        return (statsA, RecordingAssertions.Decode(result.Path), device.PlayedB);
    }

    private static double Level(short[] channel, int rate, double at, double hz) =>
        Signal.Goertzel(channel.AsSpan((int)(at * rate), rate / 2), rate, hz);

    [Fact]
    public async Task Update_InactiveThenResume_NothingSentBothLegsSilentTimelineKept()
    {
        (MediaStatistics statsA, WavFile wav, _) = await HoldWindowAsync(
            (a, to) => a.Update(to, Opus, MediaDirection.Inactive),
            (a, to) => a.Update(to, Opus, MediaDirection.SendReceive));

        Assert.InRange(statsA.PacketsSent, 195, 201);
        short[] left = wav.Channel(0);
        short[] right = wav.Channel(1);
        Assert.True(Signal.Db(Level(left, wav.SampleRate, 1.2, 400), Level(left, wav.SampleRate, 3.0, 400)) >= 30, "local tone before the hold vs during it");
        Assert.True(Signal.Db(Level(right, wav.SampleRate, 1.2, 1000), Level(right, wav.SampleRate, 3.0, 1000)) >= 30, "remote tone before the hold vs during it");
        Assert.True(Signal.Db(Level(left, wav.SampleRate, 5.0, 400), Level(left, wav.SampleRate, 3.0, 400)) >= 30, "local tone after resume vs during the hold");
        Assert.True(Signal.Db(Level(right, wav.SampleRate, 5.0, 1000), Level(right, wav.SampleRate, 3.0, 1000)) >= 30, "remote tone after resume vs during the hold");
    }

    [Fact]
    public async Task SetLocalHold_SendOnly_SilenceSentNotTheMicrophoneRecordingSilentTimelineKept()
    {
        // How the agent holds: a=sendonly re-INVITE plus SetLocalHold(true). The held party must not hear the desk phone.
        (MediaStatistics statsA, WavFile wav, List<short> playedB) = await HoldWindowAsync(
            (a, to) =>
            {
                a.SetLocalHold(true);
                a.Update(to, Opus, MediaDirection.SendOnly);
            },
            (a, to) =>
            {
                a.SetLocalHold(false);
                a.Update(to, Opus, MediaDirection.SendReceive);
            });

        Assert.InRange(statsA.PacketsSent, 295, 301); // silence keeps flowing while held
        short[] heardByB = playedB.ToArray();
        Assert.True(Signal.Db(Level(heardByB, Rate, 1.2, 400), Level(heardByB, Rate, 3.0, 400)) >= 30, "held party hears the desk phone's microphone");
        Assert.True(Signal.Db(Level(heardByB, Rate, 5.0, 400), Level(heardByB, Rate, 3.0, 400)) >= 30, "after resume the held party hears it again");

        short[] left = wav.Channel(0);
        short[] right = wav.Channel(1);
        Assert.True(Signal.Db(Level(left, wav.SampleRate, 1.2, 400), Level(left, wav.SampleRate, 3.0, 400)) >= 30, "recorded local leg silent while held");
        Assert.True(Signal.Db(Level(right, wav.SampleRate, 1.2, 1000), Level(right, wav.SampleRate, 3.0, 1000)) >= 30, "recorded remote leg silent while held");
        Assert.True(Signal.Db(Level(right, wav.SampleRate, 5.0, 1000), Level(right, wav.SampleRate, 3.0, 1000)) >= 30, "remote leg back after resume");
    }

    [Fact]
    public async Task Update_ReceiveOnly_NothingSentRemoteStillHeardAndRecorded()
    {
        // Held by the remote party (we answer recvonly): what it plays (music on hold) is what this phone heard.
        (MediaStatistics statsA, WavFile wav, _) = await HoldWindowAsync(
            (a, to) => a.Update(to, Opus, MediaDirection.ReceiveOnly),
            (a, to) => a.Update(to, Opus, MediaDirection.SendReceive));

        Assert.InRange(statsA.PacketsSent, 195, 201);
        short[] left = wav.Channel(0);
        short[] right = wav.Channel(1);
        Assert.True(Signal.Db(Level(left, wav.SampleRate, 1.2, 400), Level(left, wav.SampleRate, 3.0, 400)) >= 30, "nothing of ours was heard while we did not send");
        Assert.True(Signal.Db(Level(right, wav.SampleRate, 3.0, 1000), Level(left, wav.SampleRate, 3.0, 1000)) >= 30, "the remote audio we still played is recorded");
    }
}
