using CallSync.Hal.Linux.Audio.Interop;

namespace CallSync.Hal.Linux.Audio;

/// <summary>The audio thread: read a frame, hand it over, play the answer, recover from xruns.</summary>
public sealed partial class AlsaAudioDevice
{
    private void Loop(Run run)
    {
        int filled = 0;
        int idleSlices = 0;
        bool warnedFull = false;
        try
        {
            // With clock pacing each frame first takes one tick; it keeps it through -EAGAIN waits and xruns.
            bool paced = _clock is not null;
            bool mayDeliver = !paced;
            while (!run.StopRequested)
            {
                if (!mayDeliver)
                {
                    if (!run.WaitForTick())
                    {
                        return;
                    }

                    mayDeliver = true;
                }

                long read = _capture.Read(_captured.AsSpan(filled));
                if (read == -AlsaNative.Eagain || read == 0)
                {
                    int ready = _capture.Wait(WaitSlice);
                    if (ready == 0 && ++idleSlices == StallSlices)
                    {
                        AlsaLog.CaptureStalled(_logger, _capture.Name, WaitSlice * StallSlices);
                    }
                    else if (ready < 0 && !RecoverCapture(ready))
                    {
                        return;
                    }

                    continue;
                }

                if (read < 0)
                {
                    // A partial frame from before an overrun is stale: start the frame again.
                    filled = 0;
                    if (!RecoverCapture((int)read))
                    {
                        return;
                    }

                    continue;
                }

                idleSlices = 0;
                filled += (int)read;
                if (filled < FrameSamples)
                {
                    continue;
                }

                filled = 0;
                mayDeliver = !paced;
                Array.Clear(_played);
                try
                {
                    run.Handler.OnFrame(_captured, _played);
                }
#pragma warning disable CA1031 // A failing handler must not stop the sound card; it is logged and the frame dropped.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    AlsaLog.FrameHandlerFailed(_logger, ex);
                    Array.Clear(_played);
                }

                Interlocked.Increment(ref _frames);
                Play(ref warnedFull);
            }
        }
        finally
        {
            Finished(run);
        }
    }

    private bool RecoverCapture(int error)
    {
        if (error == -AlsaNative.Epipe)
        {
            AlsaLog.CaptureOverrun(_logger, Interlocked.Increment(ref _overruns), _capture.Name);
        }

        int result = _capture.Recover(error);
        if (result < 0)
        {
            AlsaLog.StreamFailed(_logger, "capture", _capture.Name, _capture.Describe(result), result);
            return false;
        }

        if (error == -AlsaNative.Estrpipe)
        {
            AlsaLog.Resumed(_logger, _capture.Name);
        }

        return true;
    }

    private void Play(ref bool warnedFull)
    {
        long written = _playback.Write(_played);
        if (written is -AlsaNative.Epipe or -AlsaNative.Estrpipe or -AlsaNative.Eintr)
        {
            if (written == -AlsaNative.Epipe)
            {
                AlsaLog.PlaybackUnderrun(_logger, Interlocked.Increment(ref _underruns), _playback.Name);
            }

            int recovered = _playback.Recover((int)written);
            written = recovered < 0 ? recovered : _playback.Write(_played);
        }

        if (written == -AlsaNative.Eagain)
        {
            if (!warnedFull)
            {
                warnedFull = true;
                AlsaLog.PlaybackFull(_logger, _playback.Name);
            }

            Interlocked.Add(ref _dropped, _played.Length);
        }
        else if (written < 0)
        {
            // The speaker failing must not silence the microphone: count the loss, log it once per run.
            if (!warnedFull)
            {
                warnedFull = true;
                AlsaLog.StreamFailed(_logger, "playback", _playback.Name, _playback.Describe((int)written), (int)written);
            }

            Interlocked.Add(ref _dropped, _played.Length);
        }
        else if (written < _played.Length)
        {
            Interlocked.Add(ref _dropped, _played.Length - written);
        }
    }
}
