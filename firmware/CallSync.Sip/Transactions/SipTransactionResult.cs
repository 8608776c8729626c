using CallSync.Sip.Syntax;

namespace CallSync.Sip.Transactions;

/// <summary>How a client transaction ended: the first final response, or a timeout (Timer B / F).</summary>
/// <param name="Response">The final response, or null after a timeout.</param>
public sealed record SipTransactionResult(SipResponse? Response)
{
    /// <summary>True when no final response arrived in 64*T1.</summary>
    public bool TimedOut => Response is null;

    /// <summary>The status code, 408 for a local timeout (RFC 3261 section 8.1.3.1).</summary>
    public int StatusCode => Response?.StatusCode ?? 408;

    /// <summary>The reason phrase, or a local description of the timeout.</summary>
    public string Reason => Response?.ReasonPhrase ?? "Request Timeout (no response)";
}
