namespace CallSync.Sdp;

/// <summary>Helpers for <see cref="SdpDirection"/>.</summary>
public static class SdpDirectionExtensions
{
    /// <summary>The attribute name as written on the wire (<c>sendrecv</c>...).</summary>
    public static string ToAttributeName(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>Maps an attribute name to a direction; false for any other attribute.</summary>
    public static bool TryParse(string attributeName, out SdpDirection direction)
    {
        switch (attributeName)
        {
            case "sendrecv": direction = SdpDirection.SendRecv; return true;
            case "sendonly": direction = SdpDirection.SendOnly; return true;
            case "recvonly": direction = SdpDirection.RecvOnly; return true;
            case "inactive": direction = SdpDirection.Inactive; return true;
            default: direction = SdpDirection.SendRecv; return false;
        }
    }

    /// <summary>True when the direction lets this side send.</summary>
    public static bool CanSend(this SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    /// <summary>True when the direction lets this side receive.</summary>
    public static bool CanReceive(this SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;

    /// <summary>Builds a direction from the two capabilities.</summary>
    public static SdpDirection From(bool send, bool receive) => (send, receive) switch
    {
        (true, true) => SdpDirection.SendRecv,
        (true, false) => SdpDirection.SendOnly,
        (false, true) => SdpDirection.RecvOnly,
        _ => SdpDirection.Inactive,
    };

    /// <summary>
    /// The direction an answerer may use for a stream offered with <paramref name="offered"/> when it
    /// itself wants <paramref name="local"/> (RFC 3264 section 6.1: sendonly is answered recvonly,
    /// recvonly sendonly, inactive inactive).
    /// </summary>
    public static SdpDirection Answer(this SdpDirection offered, SdpDirection local) =>
        From(offered.CanReceive() && local.CanSend(), offered.CanSend() && local.CanReceive());
}
