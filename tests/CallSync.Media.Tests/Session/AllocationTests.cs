using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Session;

/// <summary>A period allocates nothing on the audio clock's thread once a call runs, whatever the packetization.</summary>
[Trait("Category", "Interop")]
public sealed class AllocationTests
{
    [Theory]
    [InlineData(AudioCodec.Pcmu, 10.0)]
    [InlineData(AudioCodec.Pcmu, 30.0)]
    [InlineData(AudioCodec.Pcmu, 60.0)]
    [InlineData(AudioCodec.Opus, 20.0)]
    [InlineData(AudioCodec.Opus, 60.0)]
    public async Task OnFrame_SteadyState_AllocatesNothingOnTheClockThread(AudioCodec codec, double packetMs)
    {
        // The period drains the socket (receive, decode, playout), sends at the packet time and records.
        var choice = new MediaCodecChoice(codec, (byte)(codec == AudioCodec.Opus ? 111 : 0), 101) { PacketTime = TimeSpan.FromMilliseconds(packetMs) };
        await using ReceiveHarness h = ReceiveHarness.Start(choice);
        h.Session.AttachRecordingSink(new CopyingSink(choice.RecordingSampleRate)); // the capturing sink grows lists
        h.MeasureAllocations = true;
        var stream = new ToneStream { Codec = codec, PayloadType = choice.PayloadType, PacketMs = packetMs, ToneSeconds = 4, TailSeconds = 0 };
        var mic = new short[h.DeviceRate / 50];
        long index = 0;
        h.Run(stream.Build(), 200, microphone: _ =>
        {
            Signal.Tone(mic, h.DeviceRate, 400, 8000, ref index);
            return mic;
        });

        Assert.True(h.Session.GetStatistics().ReceivedAudio > TimeSpan.FromSeconds(3));
        Assert.Equal(200, h.PeriodAllocations.Count);
        long steady = h.PeriodAllocations.Skip(100).Sum(); // after 2 s of warm-up
        Assert.True(steady == 0, $"{steady} bytes allocated by 100 steady periods; every period that allocated (period: bytes): {h.DescribeAllocations()}");
    }
}
