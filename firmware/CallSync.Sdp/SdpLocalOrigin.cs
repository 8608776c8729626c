namespace CallSync.Sdp;

/// <summary>
/// This side's <c>o=</c> line over one dialog (RFC 3264 section 8): every description sent keeps the first one's
/// user name, session id and address; the version goes up by exactly one when the description differs from the
/// previous one sent, and stays when the same description is sent again. Stamp only what is actually sent, so a
/// refused exchange does not skip a version. Thread-safe.
/// </summary>
public sealed class SdpLocalOrigin
{
    private readonly Lock _gate = new();
    private SdpOrigin? _origin;
    private string? _lastContent;
    private SdpSessionDescription? _last;

    /// <summary>The last description stamped, or null before the first.</summary>
    public SdpSessionDescription? Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>
    /// Gives <paramref name="description"/> this dialog's o= line. The first call adopts the description's own o=
    /// (its session id and version are the starting point).
    /// </summary>
    public SdpSessionDescription Stamp(SdpSessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        lock (_gate)
        {
            var origin = _origin ?? description.Origin;

            // The content compared is the description with a fixed o= line: only a real change moves the version.
            var content = SdpWriter.Write(description.WithOrigin(origin with { SessionVersion = 0 }));
            if (_origin is not null && !string.Equals(content, _lastContent, StringComparison.Ordinal))
            {
                origin = origin with { SessionVersion = origin.SessionVersion + 1 };
            }

            _origin = origin;
            _lastContent = content;
            _last = description.WithOrigin(origin);
            return _last;
        }
    }
}
