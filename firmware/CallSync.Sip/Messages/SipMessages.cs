using System.Net;
using CallSync.Sip.Syntax;

namespace CallSync.Sip.Messages;

/// <summary>Message helpers the transactions and the user agent share, on top of the codec's builders.</summary>
public static class SipMessages
{
    /// <summary>
    /// The server transport's step of RFC 3261 section 18.2.1 and RFC 3581 section 4: adds received= to the
    /// top Via when the source address differs from sent-by (always when rport was asked for), and fills an
    /// empty rport with the source port. Returns the request unchanged when nothing is to add.
    /// </summary>
    public static SipRequest WithReceived(SipRequest request, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        var vias = request.Vias;
        if (vias.Count == 0)
        {
            return request;
        }

        var top = vias[0];
        var address = (source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address).ToString();
        var differs = !string.Equals(top.Host.Trim('[', ']'), address, StringComparison.OrdinalIgnoreCase);
        var fillRport = top.HasRPort && top.RPort is null;
        if (!differs && !fillRport)
        {
            return request;
        }

        var builder = request.ToBuilder();
        builder.RemoveHeader(SipHeaderNames.Via);
        builder.InsertHeader(0, SipHeaderNames.Via, top.WithReceived(address, source.Port).ToString());
        for (var i = 1; i < vias.Count; i++)
        {
            builder.InsertHeader(i, SipHeaderNames.Via, vias[i].ToString());
        }

        return builder.Build();
    }

    /// <summary>The sent-by value (host[:port]) of a Via.</summary>
    public static string SentBy(SipVia? via) =>
        via is null ? string.Empty : via.Port is { } p ? $"{via.Host}:{p.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : via.Host;

    /// <summary>A response to <paramref name="request"/> with the standard reason phrase unless one is given.</summary>
    public static SipResponse CreateResponse(SipRequest request, int statusCode, string? reason = null, string? toTag = null) =>
        SipResponseBuilder.CreateFor(request, statusCode, reason, toTag).Build();
}
