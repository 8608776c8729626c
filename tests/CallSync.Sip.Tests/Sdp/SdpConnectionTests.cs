using System.Net.Sockets;
using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp;

public sealed class SdpConnectionTests
{
    [Theory]
    [InlineData("192.0.2.1", "IN IP4 192.0.2.1")]
    [InlineData("2001:0DB8:0000::0010", "IN IP6 2001:db8::10")]
    [InlineData("::1", "IN IP6 ::1")]
    public void ForAddress_Numeric_WritesCanonicalForm(string address, string expected)
    {
        Assert.Equal(expected, SdpConnection.ForAddress(address).ToString());
    }

    [Theory]
    [InlineData("pbx.example.com")]
    [InlineData("10.1")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%2")]
    [InlineData("")]
    public void ForAddress_NotANumericAddress_Throws(string address)
    {
        Assert.Throws<ArgumentException>(() => SdpConnection.ForAddress(address));
    }

    [Theory]
    [InlineData("IN", "IP4", "192.0.2.1", AddressFamily.InterNetwork, true, false)]
    [InlineData("IN", "IP6", "2001:db8::1", AddressFamily.InterNetworkV6, true, false)]
    [InlineData("in", "ip4", "224.0.1.1", AddressFamily.InterNetwork, true, true)]
    [InlineData("IN", "IP6", "ff02::1", AddressFamily.InterNetworkV6, true, true)]
    [InlineData("IN", "IP4", "2001:db8::1", AddressFamily.InterNetwork, false, false)]
    [InlineData("IN", "IP4", "256.1.1.1", AddressFamily.InterNetwork, false, false)]
    [InlineData("IN", "IP4", "01.2.3.4x", AddressFamily.InterNetwork, false, false)]
    [InlineData("ATM", "NSAP", "47.0005", AddressFamily.Unspecified, false, false)]
    public void Family_And_TryGetIPAddress_FollowTheAddressType(string net, string type, string address, AddressFamily family, bool numeric, bool multicast)
    {
        var c = new SdpConnection(net, type, address);

        Assert.Equal(family, c.Family);
        Assert.Equal(numeric, c.TryGetIPAddress(out var ip));
        Assert.Equal(numeric, ip is not null);
        Assert.Equal(multicast, c.IsMulticast);
    }

    [Theory]
    [InlineData("IP4", "0.0.0.0", true)]
    [InlineData("IP6", "::", true)]
    [InlineData("IP6", "0:0:0:0:0:0:0:0", true)]
    [InlineData("IP4", "0.0.0.1", false)]
    [InlineData("IP4", "nowhere.example", false)]
    public void IsUnspecified_HoldAddressInAnySpelling_IsTrue(string type, string address, bool hold)
    {
        Assert.Equal(hold, new SdpConnection("IN", type, address).IsUnspecified);
    }
}
