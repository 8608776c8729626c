namespace CallSync.Sip.Syntax;

/// <summary>Outcome of one <see cref="SipStreamDecoder"/> step.</summary>
public enum SipDecodeStatus
{
    /// <summary>No whole message yet; call again with more bytes (nothing consumed).</summary>
    NeedMoreData,

    /// <summary>A message was decoded; drop <c>consumed</c> bytes.</summary>
    Complete,

    /// <summary>A CRLFCRLF keep-alive ping (RFC 5626 3.5.1) was consumed; answer with a single CRLF pong.</summary>
    KeepAlive,

    /// <summary>
    /// A message was framed (so <c>consumed</c> skips it and the stream stays usable) but does not parse; the error
    /// says why and may allow a 400 answer.
    /// </summary>
    Invalid,

    /// <summary>The stream cannot be framed any more (oversized or broken Content-Length); close the connection.</summary>
    Error,
}
