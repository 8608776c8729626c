namespace CallSync.Testing.Codecs;

/// <summary>PCMU or PCMA payloads: one byte per 8 kHz sample.</summary>
public sealed class G711Encoder(bool aLaw, int samplesPerPacket) : IPayloadEncoder
{
    public int SamplesPerPacket { get; } = samplesPerPacket;

    public byte[] Encode(ReadOnlySpan<short> samples)
    {
        var payload = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            payload[i] = aLaw ? G711.ALaw(samples[i]) : G711.MuLaw(samples[i]);
        }

        return payload;
    }

    public void Dispose()
    {
    }
}
