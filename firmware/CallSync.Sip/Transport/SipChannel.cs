using CallSync.Sip.Syntax;
using System.Net;

namespace CallSync.Sip.Transport;

/// <summary>
/// One listening socket of one transport (RFC 3261 section 18). Subclasses frame and deliver received
/// bytes and send messages to a remote endpoint.
/// </summary>
public abstract class SipChannel : IAsyncDisposable
{
    /// <summary>The transport of this channel.</summary>
    public abstract SipTransportKind Transport { get; }

    /// <summary>The bound local endpoint (with the real port when 0 was configured).</summary>
    public abstract IPEndPoint LocalEndPoint { get; }

    /// <summary>Delivers every well-formed message with where it came from.</summary>
    internal Action<SipMessage, SipTarget>? MessageReceived { get; set; }

    /// <summary>Delivers a framed message that does not parse, with its source, for a 400 or a drop.</summary>
    internal Action<SipParseError, SipTarget>? MalformedReceived { get; set; }

    /// <summary>Starts receiving.</summary>
    public abstract void Start();

    /// <summary>Sends the message's bytes to <paramref name="target"/>; errors are logged by the caller.</summary>
    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> bytes, SipTarget target, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
