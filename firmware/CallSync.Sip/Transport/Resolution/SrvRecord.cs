namespace CallSync.Sip.Transport.Resolution;

/// <summary>One DNS SRV record (RFC 2782).</summary>
/// <param name="Priority">Lower is tried first.</param>
/// <param name="Weight">Relative share among records of the same priority.</param>
/// <param name="Port">The service port.</param>
/// <param name="Target">The host offering the service ("." means: not offered).</param>
public sealed record SrvRecord(int Priority, int Weight, int Port, string Target);
