using CallSync.Agent.Configuration;
using CallSync.Hal.Linux.Bluetooth;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Tests.Companion;

public sealed class CompanionListenConfigurationTests
{
    private static AgentOptions Read(params (string Key, string? Value)[] overrides) =>
        AgentOptionsReader.Read(Config(overrides), out _);

    private static IConfiguration Config((string Key, string? Value)[] overrides)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(AgentOptionsReaderTests.ExampleJson.Replace(
            "\"Companion\":{ \"Listen\": \"tcp:127.0.0.1:7301\" }", "\"Companion\":{ }", StringComparison.Ordinal)));
        return new ConfigurationBuilder()
            .AddJsonStream(stream)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
    }

    [Fact]
    public void Read_OneEntryPerTransport_KeepsEachInOrder()
    {
        var options = Read(("Companion:Listen:0", "ble:0x81"), ("Companion:Listen:1", "rfcomm:3"), ("Companion:Listen:2", "tcp:[::1]:7301"));

        var listen = options.Companion!.Listen;
        Assert.Equal([CompanionTransportKind.Le, CompanionTransportKind.Rfcomm, CompanionTransportKind.Tcp], listen.Select(l => l.Kind));
        Assert.Equal(0x81, listen[0].LePsm);
        Assert.Equal(3, listen[1].RfcommChannel);
        Assert.Equal(7301, listen[2].Tcp!.Port);
        Assert.Equal(["ble:0x81", "rfcomm:3", "tcp:[::1]:7301"], listen.Select(l => l.ToString()));
    }

    [Fact]
    public void Read_CommaSeparatedEntries_SameAsAnArray()
    {
        var options = Read(("Companion:Listen", "ble:auto, tcp:127.0.0.1:0"));

        Assert.Equal(["ble:auto", "tcp:127.0.0.1:0"], options.Companion!.Listen.Select(l => l.ToString()));
        Assert.Equal(0, options.Companion.Listen[0].LePsm);
    }

    [Theory]
    [InlineData("ble:auto", 0)]
    [InlineData("BLE:0x80", 0x80)]
    [InlineData("ble:0xff", 0xFF)]
    [InlineData("ble:129", 0x81)]
    public void TryParse_LePsm_DynamicRangeOrKernelChoice(string text, int psm)
    {
        Assert.True(CompanionListenEndPoint.TryParse(text, out var endPoint));
        Assert.Equal(CompanionTransportKind.Le, endPoint.Kind);
        Assert.Equal(psm, endPoint.LePsm);
        Assert.Null(endPoint.Tcp);
    }

    [Theory]
    [InlineData("ble:")]
    [InlineData("ble:0x7F")]
    [InlineData("ble:0x100")]
    [InlineData("ble:127")]
    [InlineData("ble:-1")]
    [InlineData("ble:0x")]
    [InlineData("ble:automatic")]
    [InlineData("rfcomm:0")]
    [InlineData("rfcomm:31")]
    [InlineData("tcp:localhost:7301")]
    [InlineData("usb:1")]
    [InlineData("")]
    public void TryParse_BadEntry_FalseWithoutThrowing(string text)
    {
        Assert.False(CompanionListenEndPoint.TryParse(text, out var endPoint));
        Assert.Null(endPoint);
    }

    [Theory]
    [InlineData("ble:0x7F")]
    [InlineData("rfcomm:31")]
    [InlineData("usb:1")]
    public void Read_BadItem_NamesItsPathValueAndEveryAcceptedForm(string value)
    {
        var error = Assert.Throws<ConfigurationError>(() => Read(("Companion:Listen:0", "tcp:127.0.0.1:0"), ("Companion:Listen:1", value)));

        Assert.StartsWith($"configuration: Companion:Listen:1 = \"{value}\" is invalid; expected ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ble:PSM (0x80-0xFF, or ble:auto)", error.Message, StringComparison.Ordinal);
        Assert.Contains("rfcomm:CHANNEL (1-30)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ble:0x81", "ble:0x82", "at most one ble: entry")]
    [InlineData("rfcomm:1", "rfcomm:2", "at most one rfcomm: entry")]
    public void Read_TwoEntriesOfOneBluetoothKind_Refused(string first, string second, string expected)
    {
        var error = Assert.Throws<ConfigurationError>(() => Read(("Companion:Listen:0", first), ("Companion:Listen:1", second)));

        Assert.Contains("Companion:Listen", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoTcpEntries_BothKept()
    {
        var options = Read(("Companion:Listen:0", "tcp:127.0.0.1:7301"), ("Companion:Listen:1", "tcp:[::1]:7301"));

        Assert.Equal(2, options.Companion!.Listen.Count);
    }

    [Fact]
    public void Read_RepeatedEntry_Refused()
    {
        var error = Assert.Throws<ConfigurationError>(() => Read(("Companion:Listen:0", "rfcomm:4"), ("Companion:Listen:1", "rfcomm:4")));

        Assert.Contains("Companion:Listen:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoEntries_NoCompanionLink()
    {
        Assert.Null(Read().Companion);
    }

    [Fact]
    public void Read_BluetoothKeysUnset_EveryAdapterPublicMediumSecurityDefaultMtu()
    {
        var bluetooth = Read(("Companion:Listen:0", "ble:auto")).Companion!.Bluetooth;

        Assert.Equal(new CompanionBluetoothOptions(BluetoothAddress.Any, BluetoothAddressType.LePublic, BluetoothSecurity.Medium, 512), bluetooth);
    }

    [Fact]
    public void Read_BluetoothKeys_ReachTheListenOptions()
    {
        var bluetooth = Read(("Companion:Listen:0", "ble:auto"), ("Companion:Bluetooth:Adapter", "00:1a:7d:da:71:13"),
            ("Companion:Bluetooth:AddressType", "random"), ("Companion:Bluetooth:Security", "high"), ("Companion:Bluetooth:ReceiveMtu", "247")).Companion!.Bluetooth;

        Assert.Equal("00:1A:7D:DA:71:13", bluetooth.Adapter.ToString());
        Assert.Equal(BluetoothAddressType.LeRandom, bluetooth.AddressType);
        Assert.Equal(BluetoothSecurity.High, bluetooth.Security);
        Assert.Equal(247, bluetooth.ReceiveMtu);
    }

    [Theory]
    [InlineData("Companion:Bluetooth:Security", "low", "medium, high or fips")]
    [InlineData("Companion:Bluetooth:ReceiveMtu", "22", "23")]
    [InlineData("Companion:Bluetooth:ReceiveMtu", "65536", "65535")]
    [InlineData("Companion:Bluetooth:Adapter", "00:1a:7d:da:71", "AA:BB:CC:DD:EE:FF")]
    [InlineData("Companion:Bluetooth:AddressType", "bredr", "public or random")]
    public void Read_BadBluetoothKey_NamesTheKeyAndWhatItAccepts(string key, string value, string accepts)
    {
        var error = Assert.Throws<ConfigurationError>(() => Read(("Companion:Listen:0", "ble:auto"), (key, value)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(accepts, error.Message, StringComparison.Ordinal);
    }
}
