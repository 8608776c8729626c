using System.Net;
using System.Net.Sockets;
using CallSync.Media.Codecs;
using CallSync.Media.Dtmf;
using CallSync.Media.Jitter;
using CallSync.Media.Rtp;

namespace CallSync.Media.Session;

/// <content>The device-driven audio path: one call per 20 ms period, no allocation.</content>
public sealed partial class RtpMediaSession
{
    /// <inheritdoc />
    public void OnFrame(ReadOnlySpan<short> captured, Span<short> playback)
    {
        lock (_frameLock)
        {
            ActiveMedia? media = _media;
            if (media is null || _stopping)
            {
                playback.Clear();
                return;
            }

            ReadOnlySpan<short> mic = captured;
            bool tone = _toneSamplesLeft > 0;
            if (tone)
            {
                FillTone();
                captured.CopyTo(_mic);
                MixInto(_mic, _tone);
                mic = _mic;
            }

            if (media.Sends)
            {
                SendFrame(media, mic);
            }
            else
            {
                _markNext = true;
            }

            _timestamp += (uint)media.TimestampStep;

            // Always drain the jitter buffer so it keeps pace; play only when receiving.
            PlayFrame(media, playback);
            if (!media.Receives)
            {
                playback.Clear();
            }

            if (tone)
            {
                MixInto(playback, _tone);
            }

            IMediaRecordingSink? sink = _recordingSink;
            if (sink is not null)
            {
                bool talking = media.Direction == MediaDirection.SendReceive;
                try
                {
                    sink.OnFrame(talking ? mic : _silence, talking ? playback : _silence);
                }
#pragma warning disable CA1031 // A failing recorder must not take the call's audio down with it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.SinkFailed(_logger, ex);
                    _recordingSink = null;
                }
            }
        }
    }

    private void SendFrame(ActiveMedia media, ReadOnlySpan<short> mic)
    {
        Span<byte> packet = _txBuffer;
        Span<byte> payload = packet[RtpHeader.FixedLength..];
        int payloadLength;
        byte payloadType;
        uint timestamp = _timestamp;
        bool marker;
        int durationUnits = (int)(_options.DtmfDuration.TotalSeconds * media.Choice.ClockRate);
        if (media.Choice.TelephoneEventPayloadType is byte eventPt
            && _dtmfSender.TryNextPacket(_timestamp, media.TimestampStep, durationUnits, out TelephoneEvent ev, out uint eventTimestamp, out marker))
        {
            ev.TryWrite(payload);
            payloadLength = TelephoneEvent.Length;
            payloadType = eventPt;
            timestamp = eventTimestamp;
        }
        else
        {
            IVoiceEncoder encoder = media.Encoder;
            ReadOnlySpan<short> pcm = mic;
            if (encoder.SampleRate != _deviceRate)
            {
                Span<short> down = _codecPcm.AsSpan(0, mic.Length / 2);
                Resampler2x.Down(mic, down);
                pcm = down;
            }

            payloadLength = encoder.Encode(pcm, payload);
            payloadType = media.Choice.PayloadType;
            marker = _markNext;
            _markNext = false;
        }

        RtpHeader.TryWriteHeader(packet, marker, payloadType, _sequence, timestamp, _ssrc);
        _sequence++;
        SocketAddress? destination = _rtpDestination;
        if (destination is null)
        {
            return;
        }

        try
        {
            _rtpSocket.SendTo(packet[..(RtpHeader.FixedLength + payloadLength)], SocketFlags.None, destination);
            Interlocked.Increment(ref _packetsSent);
            Interlocked.Add(ref _bytesSent, payloadLength);
        }
        catch (SocketException)
        {
            // ICMP port unreachable surfaces on the next send; the peer may simply not be up yet.
        }
    }

    private void PlayFrame(ActiveMedia media, Span<short> playback)
    {
        IVoiceDecoder decoder = media.Decoder;
        bool resample = decoder.SampleRate != _deviceRate;
        Span<short> pcm = resample ? _codecPcm.AsSpan(0, playback.Length / 2) : playback;
        JitterFrameKind kind = _jitter.Pop(_payload, out int length);
        int produced;
        switch (kind)
        {
            case JitterFrameKind.Packet when length == 0:
                produced = 0;
                break;
            case JitterFrameKind.Packet:
                produced = DecodeSafely(decoder, length, pcm);
                break;
            case JitterFrameKind.Lost:
                produced = length > 0 && decoder.SupportsForwardErrorCorrection
                    ? RecoverSafely(decoder, length, pcm)
                    : decoder.Conceal(pcm);
                break;
            default:
                produced = 0;
                break;
        }

        pcm[Math.Min(produced, pcm.Length)..].Clear();
        if (resample)
        {
            Resampler2x.Up(pcm, playback, ref _upsamplePrevious);
        }
    }

    private int DecodeSafely(IVoiceDecoder decoder, int length, Span<short> pcm)
    {
        try
        {
            return decoder.Decode(_payload.AsSpan(0, length), pcm);
        }
        catch (OpusException ex)
        {
            Log.DecodeFailed(_logger, _sequence, ex);
            return decoder.Conceal(pcm);
        }
    }

    private int RecoverSafely(IVoiceDecoder decoder, int length, Span<short> pcm)
    {
        try
        {
            return decoder.DecodeRedundant(_payload.AsSpan(0, length), pcm);
        }
        catch (OpusException)
        {
            return decoder.Conceal(pcm);
        }
    }

    private void FillTone()
    {
        double step = 2 * Math.PI * _options.NoticeToneFrequency / _deviceRate;
        int n = Math.Min(_toneSamplesLeft, _tone.Length);
        for (int i = 0; i < _tone.Length; i++)
        {
            _tone[i] = i < n ? (short)(6000 * Math.Sin(_tonePhase)) : (short)0;
            _tonePhase += step;
        }

        _tonePhase %= 2 * Math.PI;
        _toneSamplesLeft -= n;
    }

    private static void MixInto(Span<short> target, ReadOnlySpan<short> add)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = (short)Math.Clamp(target[i] + add[i], short.MinValue, short.MaxValue);
        }
    }
}
