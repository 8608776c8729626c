namespace CallSync.Media.Codecs;

/// <summary>Decodes RTP payloads into 16-bit mono PCM and conceals lost frames.</summary>
public interface IVoiceDecoder : IDisposable
{
    /// <summary>PCM samples per second the decoder produces.</summary>
    int SampleRate { get; }

    /// <summary>True when <see cref="DecodeRedundant"/> can rebuild a lost frame from the packet after it.</summary>
    bool SupportsForwardErrorCorrection { get; }

    /// <summary>Decodes one payload; returns samples written.</summary>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>Fills <paramref name="pcm"/> with a concealment of one lost frame; returns samples written.</summary>
    int Conceal(Span<short> pcm);

    /// <summary>
    /// Rebuilds the lost frame before <paramref name="nextPayload"/> from its in-band redundancy (Opus FEC);
    /// falls back to <see cref="Conceal"/> when the codec has none.
    /// </summary>
    int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm);
}
