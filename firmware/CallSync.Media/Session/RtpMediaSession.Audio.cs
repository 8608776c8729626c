using System.Net;
using System.Net.Sockets;
using CallSync.Media.Audio;
using CallSync.Media.Rtp;
using CallSync.Media.Srtp;

namespace CallSync.Media.Session;

/// <content>The clock-driven audio path: one call per 20 ms period, no allocation.</content>
public sealed partial class RtpMediaSession
{
    private readonly FrameBuffers _frame;

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

            // Datagrams already in the socket belong before this period: owed periods delivered back to back after a
            // stall then find the packets that arrived during it, instead of racing the receive thread.
            DrainReceived();
            FrameBuffers f = _frame;
            if (_timelineAnchor is long anchor)
            {
                _timelineAnchor = null;
                CatchUpTimeline(f, anchor);
            }

            bool held = _localHold;
            bool tone = f.NextTone();

            // What the remote party hears from us: the microphone, or silence while held or not sending.
            Span<short> sent = f.Sent;
            if (media.Sends && !held)
            {
                captured[..sent.Length].CopyTo(sent);
                if (tone)
                {
                    ToneGenerator.Mix(sent, f.Tone);
                }
            }
            else
            {
                sent.Clear();
            }

            if (media.Sends)
            {
                Span<short> pcm = f.Encoder(f.MicToEncoder.OutputLength(sent.Length));
                f.MicToEncoder.Process(sent, pcm);
                _sender.BeginPeriod(pcm, send: true, (int)(_options.DtmfDuration.Ticks * media.Choice.ClockRate / TimeSpan.TicksPerSecond));
                while (_sender.TryTakePacket(_txBuffer, out int length))
                {
                    Transmit(length);
                }
            }
            else
            {
                _sender.BeginPeriod(default, send: false, 0);
            }

            // What this phone's user hears: the timeline's next period, or silence while held or not receiving. The
            // receive path runs either way so its timeline keeps pace.
            Span<short> remote = f.Remote;
            _receiver.Pull(remote);
            if (!media.Receives || held)
            {
                remote.Clear();
            }

            f.RemoteToDevice.Process(remote, playback);
            if (tone)
            {
                ToneGenerator.Mix(playback, f.Tone);
            }

            Record(f, sent, remote, tone);
        }
    }

    /// <summary>
    /// The first period after <see cref="AnchorTimeline"/>: the periods owed since the anchor go to the recording, late
    /// and in order, before this one. This side was not captured then (silence); the remote side is silence until the
    /// audio that queued up before the clock ran, which is pulled now so it is recorded in its place instead of
    /// becoming playout delay (later shed). Nothing of it is sent or played: that time has passed.
    /// </summary>
    private void CatchUpTimeline(FrameBuffers f, long anchor)
    {
        TimeSpan behind = _time.GetElapsedTime(anchor) - FramePeriod;
        long owedTotal = Math.Max(0, behind.Ticks / FramePeriod.Ticks);
        int owed = (int)Math.Min(owedTotal, MaxCatchUpPeriods);
        Span<short> remote = f.Remote;
        int ahead = Math.Min(owed, _receiver.PeriodsAhead(remote.Length));
        f.Sent.Clear();
        for (int i = 0; i < owed; i++)
        {
            if (i < owed - ahead)
            {
                remote.Clear();
            }
            else
            {
                _receiver.Pull(remote);
            }

            Record(f, f.Sent, remote, tone: false);
        }

        Log.TimelineCaughtUp(_logger, behind.TotalMilliseconds + FramePeriod.TotalMilliseconds, owed, ahead, owedTotal - owed);
    }

    private void Record(FrameBuffers f, ReadOnlySpan<short> sent, ReadOnlySpan<short> remote, bool tone)
    {
        IMediaRecordingSink? sink = f.Sink;
        if (sink is null)
        {
            return;
        }

        int local = f.LocalToSink!.Process(sent, f.SinkLocal);
        int heard = f.RemoteToSink!.Process(remote, f.SinkRemote);
        if (tone)
        {
            f.MixSinkTone(f.SinkRemote[..heard], sink.SampleRate);
        }

        try
        {
            sink.OnFrame(f.SinkLocal[..local], f.SinkRemote[..heard]);
        }
#pragma warning disable CA1031 // A failing recorder must not take the call's audio down with it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.SinkFailed(_logger, ex);
            f.DetachSink();
        }
    }

    private void Transmit(int length)
    {
        SocketAddress? destination = _rtpDestination;
        if (destination is null)
        {
            return;
        }

        SrtpResult protectedAs = _protection.ProtectRtp(_txBuffer, length, out int wire);
        if (protectedAs != SrtpResult.Ok)
        {
            // Not sent in clear: a packet that cannot be protected is dropped (a key at its lifetime needs a re-key).
            Reject(destination, MediaProtection.Describe(protectedAs), -1);
            return;
        }

        try
        {
            _rtpSocket.SendTo(_txBuffer.AsSpan(0, wire), SocketFlags.None, destination);
            Interlocked.Increment(ref _packetsSent);
            Interlocked.Add(ref _bytesSent, length - RtpHeader.FixedLength);
        }
        catch (SocketException)
        {
            // ICMP port unreachable surfaces on the next send; the peer may simply not be up yet.
        }
    }
}
