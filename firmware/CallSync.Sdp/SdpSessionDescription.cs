namespace CallSync.Sdp;

/// <summary>A parsed or built session description (RFC 8866 section 5).</summary>
public sealed class SdpSessionDescription
{
    /// <summary>The protocol version, always 0.</summary>
    public int Version { get; init; }

    /// <summary>The <c>o=</c> line.</summary>
    public required SdpOrigin Origin { get; init; }

    /// <summary>The <c>s=</c> line (<c>-</c> when there is no name).</summary>
    public string SessionName { get; init; } = "-";

    /// <summary>The session-level <c>c=</c> line, the default for every media section.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The <c>t=</c> line, <c>0 0</c> for an unbounded session.</summary>
    public string Timing { get; init; } = "0 0";

    /// <summary>Lines this model does not interpret (b=, i=, u=, e=, p=, r=, z=, k=), kept as (type, value).</summary>
    public IReadOnlyList<KeyValuePair<char, string>> OtherLines { get; init; } = [];

    /// <summary>Session-level attributes.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>The media sections in order.</summary>
    public IReadOnlyList<SdpMediaDescription> Media { get; init; } = [];

    /// <summary>The session-level direction, sendrecv when absent.</summary>
    public SdpDirection SessionDirection
    {
        get
        {
            foreach (var a in Attributes)
            {
                if (a.Value is null && SdpDirectionExtensions.TryParse(a.Name, out var d))
                {
                    return d;
                }
            }

            return SdpDirection.SendRecv;
        }
    }

    /// <summary>The effective direction of <paramref name="media"/>: its own attribute, else the session's.</summary>
    public SdpDirection DirectionOf(SdpMediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.ExplicitDirection ?? SessionDirection;
    }

    /// <summary>The effective connection of <paramref name="media"/>: its own, else the session's.</summary>
    public SdpConnection? ConnectionOf(SdpMediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    /// <summary>A copy with another <c>o=</c> line and everything else shared.</summary>
    public SdpSessionDescription WithOrigin(SdpOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return new SdpSessionDescription
        {
            Version = Version,
            Origin = origin,
            SessionName = SessionName,
            Connection = Connection,
            Timing = Timing,
            OtherLines = OtherLines,
            Attributes = Attributes,
            Media = Media,
        };
    }

    /// <inheritdoc />
    public override string ToString() => SdpWriter.Write(this);
}
