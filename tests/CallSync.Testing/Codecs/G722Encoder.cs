using CallSync.Testing.Interop;

namespace CallSync.Testing.Codecs;

/// <summary>G.722 at 64 kbit/s through spandsp: 16 kHz samples in, one byte per two samples out.</summary>
public sealed class G722Encoder : IPayloadEncoder
{
    private readonly NativeObject _state;

    public G722Encoder(int samplesPerPacket)
    {
        SamplesPerPacket = samplesPerPacket;
        _state = new NativeObject(LibSpanDsp.EncodeInit(IntPtr.Zero, LibSpanDsp.Rate64000, 0), p => _ = LibSpanDsp.EncodeFree(p), "a spandsp G.722 encoder");
    }

    public int SamplesPerPacket { get; }

    public byte[] Encode(ReadOnlySpan<short> samples)
    {
        var payload = new byte[(samples.Length + 1) / 2];
        var written = LibSpanDsp.Encode(_state, payload, samples, samples.Length);
        return written == payload.Length ? payload : throw new InvalidOperationException($"g722_encode wrote {written} of {payload.Length} bytes");
    }

    public void Dispose() => _state.Dispose();
}
