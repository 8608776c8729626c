using System.Net;

namespace CallSync.Sip.Transport.Resolution;

/// <summary>What a DNS answer says that the SIP resolver uses: SRV records and addresses (answer and additional).</summary>
public sealed class DnsResponse
{
    /// <summary>The response code: 0 no error, 3 name does not exist, others are server failures.</summary>
    public int ResponseCode { get; init; }

    /// <summary>True when the server truncated the answer (it did not fit in UDP).</summary>
    public bool Truncated { get; init; }

    /// <summary>SRV records of the answer section.</summary>
    public List<SrvRecord> Services { get; } = [];

    /// <summary>A and AAAA records of the answer and additional sections, by owner name (lower case, no final dot).</summary>
    public Dictionary<string, List<IPAddress>> Addresses { get; } = new(StringComparer.Ordinal);

    internal void AddAddress(string name, IPAddress address)
    {
        if (!Addresses.TryGetValue(name, out var list))
        {
            Addresses[name] = list = [];
        }

        list.Add(address);
    }
}
