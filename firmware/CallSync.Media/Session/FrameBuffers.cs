using CallSync.Media.Audio;

namespace CallSync.Media.Session;

/// <summary>
/// The per-period working storage of a session: PCM buffers at each rate in play (device, encoder, decoder,
/// recording), the converters between them, the notice tone and the recording sink. Rebuilt only when a rate
/// changes (codec change, sink attached), never per period.
/// </summary>
internal sealed class FrameBuffers
{
    /// <summary>One period at the highest rate anything here runs at (48 kHz).</summary>
    private const int MaxPeriod = 960;

    private readonly short[] _sent;
    private readonly short[] _tone;
    private readonly short[] _encoder = new short[MaxPeriod];
    private readonly short[] _remote = new short[MaxPeriod];
    private readonly short[] _sinkLocal = new short[MaxPeriod];
    private readonly short[] _sinkRemote = new short[MaxPeriod];
    private readonly short[] _sinkTone = new short[MaxPeriod];
    private int _decoderRate;
    private ToneGenerator? _deviceTone;
    private ToneGenerator? _sinkToneGenerator;

    public FrameBuffers(int deviceRate)
    {
        DeviceRate = deviceRate;
        _sent = new short[deviceRate / 50];
        _tone = new short[deviceRate / 50];
        MicToEncoder = Resampler2x.Create(deviceRate, deviceRate);
        RemoteToDevice = Resampler2x.Create(deviceRate, deviceRate);
        _decoderRate = deviceRate;
    }

    public int DeviceRate { get; }

    public Resampler2x MicToEncoder { get; private set; }

    public Resampler2x RemoteToDevice { get; private set; }

    public Resampler2x? LocalToSink { get; private set; }

    public Resampler2x? RemoteToSink { get; private set; }

    public IMediaRecordingSink? Sink { get; private set; }

    /// <summary>What the remote party hears from us this period (device rate).</summary>
    public Span<short> Sent => _sent;

    /// <summary>The notice tone of this period at the device rate (valid when <see cref="NextTone"/> returned true).</summary>
    public ReadOnlySpan<short> Tone => _tone;

    public Span<short> Encoder(int samples) => _encoder.AsSpan(0, samples);

    /// <summary>What the remote party sent us this period, at the decoder's rate.</summary>
    public Span<short> Remote => _remote.AsSpan(0, _decoderRate / 50);

    public Span<short> SinkLocal => _sinkLocal;

    public Span<short> SinkRemote => _sinkRemote;

    /// <summary>Sets the codec's rates (encoder input, decoder output): converters are rebuilt where a rate changed.</summary>
    public void Configure(int encoderRate, int decoderRate)
    {
        if (MicToEncoder.ToRate != encoderRate)
        {
            MicToEncoder = Resampler2x.Create(DeviceRate, encoderRate);
        }

        if (RemoteToDevice.FromRate != decoderRate)
        {
            RemoteToDevice = Resampler2x.Create(decoderRate, DeviceRate);
        }

        _decoderRate = decoderRate;
        if (Sink is not null && RemoteToSink!.FromRate != decoderRate)
        {
            RemoteToSink = Resampler2x.Create(decoderRate, Sink.SampleRate);
        }
    }

    public void AttachSink(IMediaRecordingSink? sink, int decoderRate)
    {
        Sink = sink;
        if (sink is null)
        {
            LocalToSink = null;
            RemoteToSink = null;
            return;
        }

        LocalToSink = Resampler2x.Create(DeviceRate, sink.SampleRate);
        RemoteToSink = Resampler2x.Create(decoderRate, sink.SampleRate);
    }

    public void DetachSink() => AttachSink(null, _decoderRate);

    public void StartNoticeTone(RtpMediaSessionOptions options)
    {
        _deviceTone = new ToneGenerator(options.NoticeToneFrequency, DeviceRate, 6000, options.NoticeToneDuration);
        _sinkToneGenerator = new ToneGenerator(options.NoticeToneFrequency, 16000, 6000, options.NoticeToneDuration);
    }

    /// <summary>Advances the notice tone by one period; true while it sounds (then <see cref="Tone"/> holds it).</summary>
    public bool NextTone()
    {
        if (_deviceTone is not { Active: true })
        {
            return false;
        }

        _deviceTone.Next(_tone);
        _sinkToneGenerator!.Next(_sinkTone.AsSpan(0, 320));
        return true;
    }

    /// <summary>The recording's copy of the tone at <paramref name="rate"/> (generated at 16 kHz; every other sample at 8 kHz).</summary>
    public void MixSinkTone(Span<short> target, int rate)
    {
        int step = 16000 / rate;
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = (short)Math.Clamp(target[i] + _sinkTone[i * step], short.MinValue, short.MaxValue);
        }
    }
}
