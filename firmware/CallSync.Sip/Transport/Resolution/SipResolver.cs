using System.Net;
using System.Net.Sockets;

namespace CallSync.Sip.Transport.Resolution;

/// <summary>
/// Locates a SIP server (RFC 3263 section 4.2, without NAPTR): a numeric host is used as it is; a name with an
/// explicit port is looked up for its address; a name without a port is first looked up as SRV
/// (<c>_sip._udp.</c> / <c>_sip._tcp.</c> / <c>_sips._tcp.</c> for TLS), ordered by priority and weighted at random
/// within one (RFC 2782), and the first target with an address wins; without SRV records, its address on port 5060
/// (5061 for TLS). A TLS target carries the host it was asked for as <see cref="SipTarget.ServerName"/>: the server's
/// certificate must be for that name, not for the SRV target or the address (RFC 5922 section 4).
/// </summary>
public sealed class SipResolver
{
    private readonly DnsClient? _dns;
    private readonly Random _random;

    /// <summary>Creates a resolver; without a DNS client, names resolve through the system's address lookup only (no SRV).</summary>
    public SipResolver(DnsClient? dns, Random? random = null)
    {
        _dns = dns;
        _random = random ?? Random.Shared;
    }

    /// <summary>The target for <paramref name="host"/>, or null when it cannot be located.</summary>
    public async Task<SipTarget?> ResolveAsync(string host, int? port, SipTransportKind transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var defaultPort = transport == SipTransportKind.Tls ? 5061 : 5060;
        var serverName = transport == SipTransportKind.Tls ? host.Trim('[', ']') : null;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return new SipTarget(transport, new IPEndPoint(address, port ?? defaultPort)) { ServerName = serverName };
        }

        if (port is null && _dns is not null)
        {
            var service = ServicePrefix(transport) + host;
            var answer = await _dns.QueryAsync(service, DnsRecordType.Srv, cancellationToken).ConfigureAwait(false);
            if (answer is { ResponseCode: 0, Services.Count: > 0 })
            {
                foreach (var record in Order(answer.Services))
                {
                    if (record.Target is "" or ".")
                    {
                        return null; // "decidedly not available at this domain" (RFC 2782)
                    }

                    var found = answer.Addresses.TryGetValue(record.Target, out var glued) ? glued.FirstOrDefault() : await AddressAsync(record.Target, cancellationToken).ConfigureAwait(false);
                    if (found is not null)
                    {
                        return new SipTarget(transport, new IPEndPoint(found, record.Port)) { ServerName = serverName };
                    }
                }

                return null;
            }
        }

        var resolved = await AddressAsync(host, cancellationToken).ConfigureAwait(false);
        return resolved is null ? null : new SipTarget(transport, new IPEndPoint(resolved, port ?? defaultPort)) { ServerName = serverName };
    }

    /// <summary>The SRV service of a transport (RFC 3263 section 4.2, RFC 5630 section 3.3): TLS is <c>_sips._tcp.</c>.</summary>
    public static string ServicePrefix(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "_sip._udp.",
        SipTransportKind.Tcp => "_sip._tcp.",
        _ => "_sips._tcp.",
    };

    /// <summary>RFC 2782 order: ascending priority; within one priority, a weighted random permutation.</summary>
    public IEnumerable<SrvRecord> Order(IEnumerable<SrvRecord> records)
    {
        foreach (var group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            // Zero weights first, so they get a small chance when others have weight (RFC 2782's running-sum rule).
            var pool = group.OrderBy(r => r.Weight == 0 ? 0 : 1).ToList();
            while (pool.Count > 0)
            {
                int total = pool.Sum(r => r.Weight);
                int pick = total == 0 ? 0 : _random.Next(total + 1);
                int running = 0;
                int chosen = pool.Count - 1;
                for (int i = 0; i < pool.Count; i++)
                {
                    running += pool[i].Weight;
                    if (running >= pick)
                    {
                        chosen = i;
                        break;
                    }
                }

                yield return pool[chosen];
                pool.RemoveAt(chosen);
            }
        }
    }

    private async Task<IPAddress?> AddressAsync(string name, CancellationToken cancellationToken)
    {
        if (_dns is not null)
        {
            var answer = await _dns.QueryAsync(name, DnsRecordType.A, cancellationToken).ConfigureAwait(false);
            // Every address in the answer to this query belongs to the name, also at the end of a CNAME chain.
            if (answer is { ResponseCode: 0 } && answer.Addresses.Values.SelectMany(a => a).FirstOrDefault() is { } address)
            {
                return address;
            }
        }

        // The system's lookup also covers /etc/hosts and names the DNS servers above do not know.
        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
