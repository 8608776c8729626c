namespace CallSync.Sip.Transport.Resolution;

/// <summary>The resource record types the SIP resolver asks for.</summary>
public enum DnsRecordType : ushort
{
    /// <summary>IPv4 address.</summary>
    A = 1,

    /// <summary>IPv6 address.</summary>
    Aaaa = 28,

    /// <summary>Service location (RFC 2782).</summary>
    Srv = 33,
}
