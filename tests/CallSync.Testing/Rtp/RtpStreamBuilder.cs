using CallSync.Testing.Audio;

namespace CallSync.Testing.Rtp;

/// <summary>
/// Builds an RTP audio stream as a test wants to send it: a timeline of tones, speech-like audio and silences
/// (encoded, comfort noise, or nothing), packetised at any packet time, with the irregularities a receiver must
/// survive placed where the test says: a new SSRC, a sequence jump, a timestamp jump, CSRCs and a header extension.
/// The first packet of a talkspurt carries the marker bit.
/// </summary>
public sealed class RtpStreamBuilder
{
    /// <summary>How often a comfort-noise packet is repeated during a silence.</summary>
    public static readonly TimeSpan ComfortNoiseInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The noise level the comfort-noise packets announce, in -dBov (RFC 3389 section 3.1).</summary>
    public const byte ComfortNoiseLevel = 70;

    private readonly RtpCodec _codec;
    private readonly TimeSpan _packetTime;
    private readonly int _framesPerPacket;
    private readonly Random _random;
    private readonly List<Step> _steps = [];
    private uint[] _csrcs = [];
    private RtpHeaderExtension? _extension;

    /// <param name="codec">The audio payload format.</param>
    /// <param name="packetTime">Audio per packet (any multiple of the codec's frame, e.g. 10-60 ms for G.711).</param>
    /// <param name="framesPerPacket">Opus only: frames per packet (packetTime / frames must be an Opus frame duration).</param>
    /// <param name="seed">Seeds the SSRCs and the first sequence number and timestamp, so a stream is reproducible.</param>
    public RtpStreamBuilder(RtpCodec codec, TimeSpan packetTime, int framesPerPacket = 1, int seed = 1)
    {
        _codec = codec;
        _packetTime = packetTime;
        _framesPerPacket = framesPerPacket;
        _random = new Random(seed);
    }

    public RtpStreamBuilder Tone(double frequency, TimeSpan duration, double amplitude = 8000)
    {
        _steps.Add(new Step(StepKind.Audio, Signals.Tone(frequency, _codec.SampleRate, duration, amplitude), frequency));
        return this;
    }

    public RtpStreamBuilder Speech(TimeSpan duration, int seed = 1)
    {
        _steps.Add(new Step(StepKind.Audio, Signals.SpeechLike(_codec.SampleRate, duration, seed)));
        return this;
    }

    public RtpStreamBuilder Silence(TimeSpan duration, SilenceMode mode = SilenceMode.Encoded)
    {
        var samples = Signals.Silence(_codec.SampleRate, duration);
        _steps.Add(mode == SilenceMode.Encoded ? new Step(StepKind.Audio, samples) : new Step(StepKind.Gap, samples, Silence: mode));
        return this;
    }

    /// <summary>From the next packet on, a new source: another SSRC, sequence number and timestamp base.</summary>
    public RtpStreamBuilder NewSource()
    {
        _steps.Add(new Step(StepKind.NewSource, []));
        return this;
    }

    /// <summary>The next packet's sequence number is <paramref name="by"/> further on (as if packets were lost).</summary>
    public RtpStreamBuilder JumpSequence(int by)
    {
        _steps.Add(new Step(StepKind.JumpSequence, [], Amount: by));
        return this;
    }

    /// <summary>From the next packet on, timestamps are <paramref name="by"/> ticks further on (the sequence continues).</summary>
    public RtpStreamBuilder JumpTimestamp(uint by)
    {
        _steps.Add(new Step(StepKind.JumpTimestamp, [], Amount: by));
        return this;
    }

    /// <summary>Every packet lists these contributing sources.</summary>
    public RtpStreamBuilder WithCsrcs(params uint[] csrcs)
    {
        _csrcs = csrcs;
        return this;
    }

    /// <summary>Every packet carries this header extension.</summary>
    public RtpStreamBuilder WithExtension(RtpHeaderExtension extension)
    {
        _extension = extension;
        return this;
    }

    public RtpStream Build()
    {
        using var encoder = _codec.CreateEncoder(_packetTime, _framesPerPacket);
        var state = new RtpSendState(_codec, _random, _csrcs, _extension);
        var audio = new List<short>();
        var tones = new List<ToneSpan>();
        foreach (var step in _steps)
        {
            switch (step.Kind)
            {
                case StepKind.Audio:
                    var start = audio.Count;
                    var padded = step.Samples.Length + ((encoder.SamplesPerPacket - (step.Samples.Length % encoder.SamplesPerPacket)) % encoder.SamplesPerPacket);
                    audio.AddRange(step.Samples);
                    audio.AddRange(new short[padded - step.Samples.Length]);
                    for (var offset = start; offset < audio.Count; offset += encoder.SamplesPerPacket)
                    {
                        state.Send(_codec.PayloadType, encoder.Encode(audio.GetRange(offset, encoder.SamplesPerPacket).ToArray()), offset, encoder.SamplesPerPacket);
                    }

                    if (step.Frequency is { } frequency)
                    {
                        tones.Add(new ToneSpan(Time(start), Time(start + step.Samples.Length), frequency));
                    }

                    break;
                case StepKind.Gap:
                    var gapStart = audio.Count;
                    audio.AddRange(step.Samples);
                    if (step.Silence == SilenceMode.ComfortNoise)
                    {
                        var every = (int)(ComfortNoiseInterval.TotalSeconds * _codec.SampleRate);
                        for (var offset = gapStart; offset < audio.Count; offset += every)
                        {
                            state.Send(RtpCodec.ComfortNoisePayloadType, [ComfortNoiseLevel], offset, 0);
                        }
                    }

                    state.StartTalkspurt();
                    break;
                case StepKind.NewSource:
                    state.NewSource(audio.Count);
                    break;
                case StepKind.JumpSequence:
                    state.JumpSequence((int)step.Amount);
                    break;
                case StepKind.JumpTimestamp:
                    state.JumpTimestamp((uint)step.Amount);
                    break;
            }
        }

        return new RtpStream(_codec, _packetTime, state.Packets, tones, [.. audio]);
    }

    private TimeSpan Time(int sample) => TimeSpan.FromTicks(sample * TimeSpan.TicksPerSecond / _codec.SampleRate);

    private enum StepKind
    {
        Audio,
        Gap,
        NewSource,
        JumpSequence,
        JumpTimestamp,
    }

    private sealed record Step(StepKind Kind, short[] Samples, double? Frequency = null, SilenceMode Silence = SilenceMode.Encoded, long Amount = 0);
}
