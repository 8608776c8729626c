using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CallSync.Sip.Transport.Resolution;

/// <summary>
/// Asks the configured name servers over UDP (the system's, from <c>/etc/resolv.conf</c>, unless given), each in
/// turn, with a per-attempt timeout. .NET's resolver answers only A/AAAA, and SIP server location needs SRV.
/// </summary>
public sealed class DnsClient
{
    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for <paramref name="servers"/>.</summary>
    public DnsClient(IReadOnlyList<IPEndPoint> servers, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(time);
        _servers = servers;
        _timeout = timeout;
        _time = time;
    }

    /// <summary>The name servers listed in a resolv.conf file (port 53); empty when there is none or it is unreadable.</summary>
    public static IReadOnlyList<IPEndPoint> SystemServers(string path = "/etc/resolv.conf")
    {
        try
        {
            return [.. File.ReadLines(path)
                .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words.Length >= 2 && words[0] == "nameserver" && IPAddress.TryParse(words[1], out _))
                .Select(words => new IPEndPoint(IPAddress.Parse(words[1]), 53))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The first well-formed answer from any server; null when none answered in time.</summary>
    public async Task<DnsResponse?> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        var query = new byte[512];
        ushort id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        int length = DnsWire.WriteQuery(query, id, name, type);
        if (length == 0)
        {
            return null;
        }

        var answer = new byte[DnsWire.MaxUdpMessage];
        foreach (var server in _servers)
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            using var attempt = new CancellationTokenSource(_timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
            try
            {
                await socket.SendToAsync(query.AsMemory(0, length), server, linked.Token).ConfigureAwait(false);
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(answer, server, linked.Token).ConfigureAwait(false);
                    if (received.RemoteEndPoint.Equals(server)
                        && DnsWire.TryParseResponse(answer.AsSpan(0, received.ReceivedBytes), id, out var response, out _))
                    {
                        return response;
                    }

                    // Anything else (a stray or forged datagram) is ignored; the attempt's timeout still bounds the wait.
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This server did not answer in time: try the next.
            }
            catch (SocketException)
            {
                // Unreachable (ICMP) or no route: try the next.
            }
        }

        return null;
    }
}
