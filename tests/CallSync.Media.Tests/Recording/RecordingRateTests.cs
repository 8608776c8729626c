using System.Text.RegularExpressions;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;
using CallSync.Recording;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Recording;

/// <summary>Wideband calls are recorded at 16 kHz and G.711 calls at 8 kHz, whatever the device's rate; opus-tools agree.</summary>
[Trait("Category", "Interop")]
public sealed partial class RecordingRateTests
{
    [Theory]
    [InlineData(AudioCodec.Opus, 111, 8000, 16000)]
    [InlineData(AudioCodec.Opus, 111, 16000, 16000)]
    [InlineData(AudioCodec.G722, 9, 8000, 16000)]
    [InlineData(AudioCodec.Pcmu, 0, 16000, 8000)]
    [InlineData(AudioCodec.Pcmu, 0, 8000, 8000)]
    public async Task Recording_CodecDecidesTheRate_OpusinfoShowsItAndTheRemoteToneIsInTheRightChannel(AudioCodec codec, byte payloadType, int deviceRate, int expectedRate)
    {
        using var dir = new TempDirectory();
        var choice = new MediaCodecChoice(codec, payloadType, null);
        Assert.Equal(expectedRate, choice.RecordingSampleRate);
        await using ReceiveHarness h = ReceiveHarness.Start(choice, deviceRate);
        Assert.Equal(expectedRate, h.Session.RecordingSampleRate);
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, new("rate", "c1", "201", "202", DateTimeOffset.UnixEpoch), h.Session.RecordingSampleRate, NullLogger<CallRecorder>.Instance);
        h.Session.AttachRecordingSink(recorder);

        var stream = new ToneStream { Codec = codec, PayloadType = payloadType, PacketMs = 20, Frequency = 1000, ToneSeconds = 2, TailSeconds = 0.3 };
        h.Run(stream.Build(), (int)(stream.TotalMs / 20));
        h.Session.AttachRecordingSink(null);
        RecordingResult result = await recorder.StopAsync();

        Assert.Equal(expectedRate, result.SampleRate);
        (_, int channels, string info) = RecordingAssertions.OpusInfo(result.Path);
        Assert.Equal(2, channels);
        Assert.Equal(expectedRate.ToString(System.Globalization.CultureInfo.InvariantCulture), OriginalRate().Match(info).Groups[1].Value);

        WavFile wav = RecordingAssertions.Decode(result.Path); // opusdec: 48 kHz
        short[] right = wav.Channel(1)[(wav.SampleRate / 2)..(2 * wav.SampleRate)];
        short[] left = wav.Channel(0)[(wav.SampleRate / 2)..(2 * wav.SampleRate)];
        Assert.True(Signal.Db(Signal.Goertzel(right, wav.SampleRate, 1000), Signal.Goertzel(left, wav.SampleRate, 1000)) > 30, "remote tone on the right");
    }

    [GeneratedRegex(@"Original sample rate:\s*(\d+)\s*Hz")]
    private static partial Regex OriginalRate();
}
