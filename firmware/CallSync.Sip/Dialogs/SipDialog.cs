using CallSync.Sip.Syntax;

namespace CallSync.Sip.Dialogs;

/// <summary>
/// The dialog state of RFC 3261 section 12: Call-ID, local and remote tags and URIs, local and remote CSeq,
/// route set, remote target and the secure flag. Created by the UAS from an INVITE (12.1.1) or by the UAC before
/// its INVITE and completed by the first response carrying a To tag (12.1.2); used to build every in-dialog
/// request (12.2.1.1) and to check every in-dialog request received (12.2.2). Not thread-safe: its call's lock
/// guards it.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(string callId, SipNameAddress local, SipNameAddress remote, SipUri remoteTarget, bool secure)
    {
        CallId = callId;
        Local = local;
        Remote = remote;
        RemoteTarget = remoteTarget;
        IsSecure = secure;
    }

    /// <summary>The Call-ID.</summary>
    public string CallId { get; }

    /// <summary>The local party (From of our requests) with the local tag.</summary>
    public SipNameAddress Local { get; private set; }

    /// <summary>The remote party (To of our requests), with the remote tag once the dialog is established.</summary>
    public SipNameAddress Remote { get; private set; }

    /// <summary>The local tag.</summary>
    public string LocalTag => Local.Tag ?? string.Empty;

    /// <summary>The remote tag; null on the UAC side until a response carried one.</summary>
    public string? RemoteTag => Remote.Tag;

    /// <summary>Where in-dialog requests go (the peer's Contact), refreshed by target-refresh requests and responses.</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>The route set, in the order requests carry it as Route headers; empty without proxies.</summary>
    public IReadOnlyList<SipNameAddress> RouteSet { get; private set; } = [];

    /// <summary>The CSeq number of our last request in the dialog.</summary>
    public uint LocalSequence { get; private set; }

    /// <summary>The CSeq number of the peer's last request in the dialog, or null before the first.</summary>
    public uint? RemoteSequence { get; private set; }

    /// <summary>True when the dialog was set up with a sips: URI over TLS (RFC 3261 12.1.1).</summary>
    public bool IsSecure { get; }

    /// <summary>The route set as text, for diagnostics and tests.</summary>
    public IReadOnlyList<string> Routes => [.. RouteSet.Select(r => r.ToString())];

    /// <summary>The UAS side of a dialog created by an INVITE (RFC 3261 12.1.1), with our new tag.</summary>
    public static SipDialog ForIncoming(SipRequest invite, string localTag, bool overTls)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var remote = invite.From ?? throw new ArgumentException("The INVITE has no From.", nameof(invite));
        var local = (invite.To ?? new SipNameAddress(invite.RequestUri ?? remote.Uri)).WithTag(localTag);
        var target = invite.Contacts.Count > 0 ? invite.Contacts[0].Uri : remote.Uri;
        var secure = overTls && invite.RequestUri?.Scheme == SipUriScheme.Sips;
        return new SipDialog(invite.CallId, local, remote, target, secure)
        {
            RouteSet = [.. invite.RecordRoutes], // in order (12.1.1)
            RemoteSequence = invite.CSeq.Sequence,
        };
    }

    /// <summary>The UAC side before its INVITE is sent: our tag, the remote party without a tag yet.</summary>
    public static SipDialog ForOutgoing(string callId, SipNameAddress local, SipUri remote, bool secure)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        return new SipDialog(callId, local, new SipNameAddress(remote), remote, secure);
    }

    /// <summary>
    /// The first response with a To tag to our INVITE establishes the dialog (RFC 3261 12.1.2): the remote tag,
    /// the route set (Record-Route reversed) and the remote target (Contact). Later 2xx only refresh the target.
    /// </summary>
    public void Establish(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (RemoteTag is null || response.IsSuccess)
        {
            RouteSet = [.. response.RecordRoutes.Reverse()];
        }

        if (response.To is { Tag: not null } to)
        {
            Remote = to;
        }

        RefreshTarget(response);
    }

    /// <summary>A target-refresh request or response (INVITE, its 2xx) replaces the remote target (RFC 3261 12.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contacts.Count > 0)
        {
            RemoteTarget = message.Contacts[0].Uri;
        }
    }

    /// <summary>The number for our next request (ACK and CANCEL reuse the INVITE's instead).</summary>
    public uint NextLocalSequence() => ++LocalSequence;

    /// <summary>True when <paramref name="request"/> belongs to this dialog (Call-ID, To tag = local tag, From tag = remote tag).</summary>
    public bool Matches(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.CallId, CallId, StringComparison.Ordinal)
            && string.Equals(request.To?.Tag, LocalTag, StringComparison.Ordinal)
            && (RemoteTag is null || string.Equals(request.From?.Tag, RemoteTag, StringComparison.Ordinal));
    }

    /// <summary>
    /// RFC 3261 12.2.2: a request whose CSeq is not above the last one is out of order (answer 500); otherwise
    /// its number becomes the remote sequence. ACK and CANCEL carry the INVITE's number and are not passed here.
    /// </summary>
    public bool TryAcceptRemoteSequence(uint sequence)
    {
        if (RemoteSequence is { } last && sequence <= last)
        {
            return false;
        }

        RemoteSequence = sequence;
        return true;
    }

    /// <summary>
    /// Starts an in-dialog request (RFC 3261 12.2.1.1): Request-URI and Route headers from the remote target and
    /// the route set (loose routing; a strict router first in the set gets the Request-URI and the remote target
    /// goes last), From/To with the tags, Call-ID and CSeq.
    /// </summary>
    public SipRequestBuilder CreateRequest(SipMethod method, SipVia via, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(via);
        var requestUri = RemoteTarget;
        IEnumerable<string> routes = RouteSet.Select(r => r.ToString());
        if (RouteSet.Count > 0 && !RouteSet[0].Uri.Parameters.Contains("lr"))
        {
            requestUri = RouteSet[0].Uri;
            routes = [.. RouteSet.Skip(1).Select(r => r.ToString()), new SipNameAddress(RemoteTarget).ToString()];
        }

        var b = SipRequestBuilder.Create(method, requestUri, via, Local, Remote, CallId, sequence);
        foreach (var route in routes)
        {
            b.AddHeader(SipHeaderNames.Route, route);
        }

        return b;
    }

    /// <summary>The URI of the next hop for in-dialog requests: the first route, else the remote target.</summary>
    public SipUri NextHopUri => RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;

    /// <summary>Sets the local party once, before the UAC's first request (its host is known only after resolution).</summary>
    internal void SetLocal(SipNameAddress local) => Local = local;
}
