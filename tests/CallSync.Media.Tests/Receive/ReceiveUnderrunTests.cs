using CallSync.Media.Codecs;
using CallSync.Media.Receive;
using CallSync.Media.Rtp;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Receive;

/// <summary>
/// How the concealment of an empty buffer is counted: a hole when the stream goes on after it (or audio in it was
/// dropped as late), trailing concealment (not a hole) when the stream ended or paused.
/// </summary>
public sealed class ReceiveUnderrunTests
{
    private readonly AudioReceiver _r = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));
    private readonly short[] _period = new short[160];

    public ReceiveUnderrunTests() => _r.Configure(new MediaCodecChoice(AudioCodec.Pcmu, 0, null), new G711Decoder(aLaw: false));

    private void Accept(int seq, int timestampPeriods, int arrivalPeriod, bool marker = false)
    {
        byte[] datagram = TestRtp.Packet(0, (ushort)seq, (uint)(160 * timestampPeriods), 1, Enumerable.Repeat((byte)0x20, 160).ToArray(), marker);
        Assert.True(RtpHeader.TryParse(datagram, out RtpHeader h, out _));
        _r.Accept(h, datagram.AsSpan(h.PayloadOffset, h.PayloadLength), TimeSpan.FromMilliseconds(20 * arrivalPeriod), out _);
    }

    [Fact]
    public void Pull_StreamEnds_TheConcealmentAfterItIsTrailingNotAHole()
    {
        for (int p = 0; p < 70; p++)
        {
            if (p < 50)
            {
                Accept(p, p, p + 1);
            }

            _r.Pull(_period);
        }

        ReceiverSnapshot s = _r.Snapshot();
        Assert.Equal(0, s.ConcealedPeriods);
        Assert.Equal(TimeSpan.Zero, s.Concealed);
        Assert.Equal(TimeSpan.FromMilliseconds(100), s.Trailing);
    }

    [Fact]
    public void Pull_PauseThenNextTalkspurtContinuesTheSequence_TheConcealmentIntoThePauseIsTrailing()
    {
        for (int p = 0; p < 120; p++)
        {
            // A talkspurt of 1 s, a 1 s pause with nothing sent, then the next talkspurt (marker, sequence 50 on).
            if (p < 50)
            {
                Accept(p, p, p + 1);
            }
            else if (p is >= 100 and < 120)
            {
                Accept(p - 50, p, p + 1, marker: p == 100);
            }

            _r.Pull(_period);
        }

        ReceiverSnapshot s = _r.Snapshot();
        Assert.Equal(0, s.ConcealedPeriods);
        Assert.Equal(TimeSpan.FromMilliseconds(100), s.Trailing);
    }

    [Fact]
    public void Pull_StreamStallsThenGoesOn_TheConcealmentIsAHole()
    {
        for (int p = 0; p < 100; p++)
        {
            // Packets 50-52 are held up 60 ms and arrive together with 53.
            int[] arriving = p switch { 50 or 51 or 52 => [], 53 => [50, 51, 52, 53], _ => [p] };
            foreach (int k in arriving)
            {
                Accept(k, k, p + 1);
            }

            _r.Pull(_period);
        }

        ReceiverSnapshot s = _r.Snapshot();
        Assert.Equal(3, s.ConcealedPeriods);
        Assert.Equal(TimeSpan.FromMilliseconds(60), s.Concealed);
        Assert.Equal(TimeSpan.Zero, s.Trailing);
    }

    [Fact]
    public void Pull_AudioDroppedAsLateInsideTheConcealment_TheRunIsAHole()
    {
        for (int p = 0; p < 70; p++)
        {
            // Packet 50 is lost; 51, the last, arrives 60 ms after its time: dropped as late inside the concealment.
            if (p < 50)
            {
                Accept(p, p, p + 1);
            }
            else if (p == 54)
            {
                Accept(51, 51, p + 1);
            }

            _r.Pull(_period);
        }

        ReceiverSnapshot s = _r.Snapshot();
        Assert.Equal(1, s.LatePackets);
        Assert.Equal(5, s.ConcealedPeriods);
        Assert.Equal(TimeSpan.Zero, s.Trailing);
    }
}
