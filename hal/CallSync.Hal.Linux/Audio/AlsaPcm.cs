using CallSync.Hal.Linux.Audio.Interop;

namespace CallSync.Hal.Linux.Audio;

/// <summary>
/// The checked layer over <see cref="AlsaNative"/> for one PCM. Setup calls throw <see cref="AlsaException"/>;
/// the per-frame calls (<see cref="Read"/>, <see cref="Write"/>, <see cref="Wait"/>) return alsa-lib's result so
/// the audio thread handles -EAGAIN and xruns without exceptions.
/// </summary>
internal sealed class AlsaPcm : IPcmStream
{
    private readonly SafeAlsaPcmHandle _handle;

    private AlsaPcm(SafeAlsaPcmHandle handle, string name, bool capture)
    {
        _handle = handle;
        Name = name;
        IsCapture = capture;
    }

    public string Name { get; }

    public bool IsCapture { get; }

    /// <summary>Frames (samples, mono) in the device buffer, as negotiated.</summary>
    public int BufferFrames { get; private set; }

    /// <summary>Frames per period, as negotiated.</summary>
    public int PeriodFrames { get; private set; }

    private string Direction => IsCapture ? "capture" : "playback";

    /// <summary>Opens <paramref name="name"/> non-blocking and sets S16_LE mono interleaved at <paramref name="sampleRate"/>.</summary>
    public static AlsaPcm Open(string name, bool capture, int sampleRate, TimeSpan latency)
    {
        using var messages = AlsaLibMessages.Catch();
        int result = AlsaNative.Open(out var handle, name, capture ? AlsaNative.StreamCapture : AlsaNative.StreamPlayback,
            AlsaNative.ModeNonBlock);
        if (result < 0)
        {
            handle.Dispose();
            throw AlsaErrors.Translate(result, capture ? "open for capture" : "open for playback", name, AlsaLibMessages.Last);
        }

        var pcm = new AlsaPcm(handle, name, capture);
        try
        {
            pcm.Configure(sampleRate, latency);
            return pcm;
        }
        catch
        {
            pcm.Dispose();
            throw;
        }
    }

    private void Configure(int sampleRate, TimeSpan latency)
    {
        // snd_pcm_set_params makes the buffer `latency` long with four periods; soft resampling lets a card that
        // only runs at 48 kHz serve 8 or 16 kHz through alsa-lib's plug layer.
        int result = AlsaNative.SetParams(_handle, AlsaNative.FormatS16Le, AlsaNative.AccessRwInterleaved, 1, (uint)sampleRate,
            softResample: 1, (uint)latency.TotalMicroseconds);
        if (result < 0)
        {
            throw AlsaErrors.Translate(result, $"set_params ({Direction}, S16_LE mono {sampleRate} Hz)", Name, AlsaLibMessages.Last);
        }

        result = AlsaNative.GetParams(_handle, out var buffer, out var period);
        if (result < 0)
        {
            throw AlsaErrors.Translate(result, "get_params", Name);
        }

        BufferFrames = (int)buffer;
        PeriodFrames = (int)period;
    }

    public void Prepare()
    {
        int result = AlsaNative.Prepare(_handle);
        if (result < 0)
        {
            throw AlsaErrors.Translate(result, $"prepare ({Direction})", Name);
        }
    }

    /// <summary>Stops the stream at once, dropping what is buffered; <see cref="Prepare"/> makes it usable again.</summary>
    public int Drop() => _handle.IsClosed ? 0 : AlsaNative.Drop(_handle);

    /// <summary>Frames read, or a negative error (-EAGAIN: nothing yet; -EPIPE: overrun).</summary>
    public long Read(Span<short> buffer) => AlsaNative.ReadInterleaved(_handle, buffer, (nuint)buffer.Length);

    /// <summary>Frames written, or a negative error (-EAGAIN: buffer full; -EPIPE: underrun).</summary>
    public long Write(ReadOnlySpan<short> buffer) => AlsaNative.WriteInterleaved(_handle, buffer, (nuint)buffer.Length);

    /// <summary>1 when the device can be read or written, 0 on timeout, or a negative error (-EPIPE: xrun).</summary>
    public int Wait(TimeSpan timeout) => AlsaNative.Wait(_handle, (int)timeout.TotalMilliseconds);

    /// <summary>Recovers from an xrun, a suspend or an interrupted call (snd_pcm_recover); 0 or the error that stays.</summary>
    public int Recover(int error) => AlsaNative.Recover(_handle, error, silent: 1);

    public string Describe(int error) => AlsaErrors.Describe(error);

    public void Dispose() => _handle.Dispose();
}
