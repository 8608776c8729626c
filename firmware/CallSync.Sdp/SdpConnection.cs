namespace CallSync.Sdp;

/// <summary>A <c>c=</c> line (RFC 4566 section 5.7).</summary>
/// <param name="NetworkType">Always <c>IN</c> in practice.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The connection address, without any TTL or count suffix.</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>Creates an <c>IN IP4</c> or <c>IN IP6</c> connection for a numeric address.</summary>
    public static SdpConnection ForAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", address);
    }

    /// <summary>True for the RFC 2543 hold address 0.0.0.0 (or ::).</summary>
    public bool IsUnspecified => Address is "0.0.0.0" or "::";

    /// <inheritdoc />
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
