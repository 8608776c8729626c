using CallSync.Sdp;

namespace CallSync.Sip.Media;

/// <summary>A media stand-in that sends nothing and remembers what it was told (tests, signalling-only runs).</summary>
public sealed class NullCallMedia(SdpLocalMedia localMedia) : ICallMedia
{
    private readonly List<SdpNegotiatedMedia> _started = [];

    /// <inheritdoc />
    public SdpLocalMedia LocalMedia { get; } = localMedia;

    /// <summary>Every negotiation result passed to <see cref="Start"/>, in order.</summary>
    public IReadOnlyList<SdpNegotiatedMedia> Started
    {
        get
        {
            lock (_started)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>True once <see cref="Stop"/> ran.</summary>
    public bool Stopped { get; private set; }

    /// <inheritdoc />
    public void Start(SdpNegotiatedMedia media)
    {
        lock (_started)
        {
            _started.Add(media);
        }
    }

    /// <inheritdoc />
    public void Stop() => Stopped = true;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
