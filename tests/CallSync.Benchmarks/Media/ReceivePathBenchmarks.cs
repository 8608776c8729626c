using BenchmarkDotNet.Attributes;
using CallSync.Media.Codecs;
using CallSync.Media.Receive;
using CallSync.Media.Rtp;
using CallSync.Media.Session;

namespace CallSync.Benchmarks.Media;

/// <summary>
/// The receive path per 20 ms of audio, at each packetization: the RTP packets due in the period are parsed and
/// accepted (sequence, timestamp, playout buffer), then one device period is pulled (decode, FIFO). Sockets are
/// left out (see <see cref="SessionPeriodBenchmarks"/>). The allocation column must read 0 B.
/// </summary>
[MemoryDiagnoser]
public class ReceivePathBenchmarks : IDisposable
{
    private readonly byte[][] _packets = new byte[60][];
    private short[] _period = [];
    private AudioReceiver? _receiver;
    private IVoiceDecoder? _decoder;
    private int _units;
    private long _next;
    private long _periods;
    private int _packetMs;

    /// <summary>Codec and packet time: PCMU at 10/20/30/60 ms, Opus at 10/20/40/60 ms (30 ms is not an Opus frame).</summary>
    [Params("PCMU 10", "PCMU 20", "PCMU 30", "PCMU 60", "opus 10", "opus 20", "opus 40", "opus 60")]
    public string Case { get; set; } = "PCMU 20";

    private string Codec => Case.Split(' ')[0];

    private int PacketMs => int.Parse(Case.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        bool opus = Codec == "opus";
        _packetMs = PacketMs;
        var choice = new MediaCodecChoice(opus ? AudioCodec.Opus : AudioCodec.Pcmu, (byte)(opus ? 111 : 0), null);
        _decoder = opus ? new OpusVoiceDecoder(16000) : new G711Decoder(aLaw: false);
        _receiver = new AudioReceiver(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));
        _receiver.Configure(choice, _decoder);
        _period = new short[_decoder.SampleRate / 50];
        _units = PacketMs * choice.ClockRate / 1000;
        using var encoder = opus ? (IVoiceEncoder)new OpusVoiceEncoder(16000) : new G711Encoder(aLaw: false);
        int samples = PacketMs * encoder.SampleRate / 1000;
        var pcm = new short[samples];
        var payload = new byte[1500];
        for (int k = 0; k < _packets.Length; k++)
        {
            for (int i = 0; i < samples; i++)
            {
                pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 400 * ((k * samples) + i) / encoder.SampleRate));
            }

            int n = encoder.Encode(pcm, payload);
            _packets[k] = new byte[RtpHeader.FixedLength + n];
            RtpHeader.TryWrite(_packets[k], false, choice.PayloadType, 0, 0, 0x1234, payload.AsSpan(0, n), out _);
        }

        for (int i = 0; i < 100; i++)
        {
            Receive20Ms();
        }
    }

    /// <summary>One 20 ms period: accept the packets that became due, pull the period.</summary>
    [Benchmark]
    public int Receive20Ms()
    {
        _periods++;
        long nowMs = _periods * 20;
        while ((_next + 1) * _packetMs <= nowMs)
        {
            byte[] packet = _packets[_next % _packets.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)_next);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(_next * _units));
            if (RtpHeader.TryParse(packet, out RtpHeader header, out _))
            {
                _receiver!.Accept(header, packet.AsSpan(header.PayloadOffset, header.PayloadLength), TimeSpan.FromMilliseconds(nowMs), out _);
            }

            _next++;
        }

        _receiver!.Pull(_period);
        return _period[7];
    }

    public void Dispose()
    {
        _decoder?.Dispose();
        GC.SuppressFinalize(this);
    }
}
