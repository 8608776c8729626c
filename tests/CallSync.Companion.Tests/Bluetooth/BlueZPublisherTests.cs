using CallSync.Companion.Tests.Support;
using CallSync.Hal.Linux.Bluetooth.BlueZ;

namespace CallSync.Companion.Tests.Bluetooth;

/// <summary>The BlueZ registrations against a fake bluetoothd on a private dbus-daemon.</summary>
public sealed class BlueZPublisherTests : IDisposable
{
    private static readonly BlueZOptions Options = new() { Name = "CallSync 1001", LePsm = 0x81, RfcommChannel = 3, ProtocolMin = 1, ProtocolMax = 2 };

    private readonly TestLogger<BlueZPublisher> _logger = new();
    private PrivateBus? _bus;

    public void Dispose() => _bus?.Dispose();

    [Fact]
    public async Task StartAsync_BlueZRunning_RegistersAdvertisementGattServiceAndSdpRecordWithTheirProperties()
    {
        _bus = await PrivateBus.StartAsync();
        await using var bluez = await FakeBlueZ.StartAsync(_bus.Address);
        await using var publisher = new BlueZPublisher(Options, _logger, _bus.Address);

        await publisher.StartAsync(ServerFixture.Timeout());

        var advertisement = await bluez.Advertisement.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("peripheral", advertisement["Type"].GetString());
        Assert.Equal([CompanionGattLayout.ServiceUuid], advertisement["ServiceUUIDs"].GetArray<string>());
        Assert.Equal("CallSync 1001", advertisement["LocalName"].GetString());

        var (objects, values) = await bluez.Application.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var service = Assert.Single(objects, o => o.Value.ContainsKey("org.bluez.GattService1"));
        Assert.Equal(CompanionGattLayout.ServiceUuid, service.Value["org.bluez.GattService1"]["UUID"].GetString());
        Assert.True(service.Value["org.bluez.GattService1"]["Primary"].GetBool());
        var characteristics = objects.Where(o => o.Value.ContainsKey("org.bluez.GattCharacteristic1"))
            .ToDictionary(o => o.Value["org.bluez.GattCharacteristic1"]["UUID"].GetString(), o => (Path: o.Key, Properties: o.Value["org.bluez.GattCharacteristic1"]));
        Assert.Equal(2, characteristics.Count);
        var info = characteristics[CompanionGattLayout.ChannelInfoUuid];
        Assert.Equal(["read"], info.Properties["Flags"].GetArray<string>());
        Assert.Equal(service.Key, info.Properties["Service"].GetObjectPathAsString());
        Assert.Equal(new byte[] { 0x81, 0, 1, 0, 2, 0 }, values[info.Path]);
        Assert.True(CompanionGattLayout.TryReadChannelInfo(values[info.Path], out ushort psm, out ushort min, out ushort max));
        Assert.Equal((0x81, 1, 2), (psm, min, max));
        Assert.Equal(new byte[] { 0x81, 0 }, values[characteristics[CompanionGattLayout.L2capPsmUuid].Path]);

        var (uuid, options) = await bluez.Profile.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(CompanionGattLayout.ServiceUuid, uuid);
        Assert.Equal("server", options["Role"].GetString());
        Assert.True(options["RequireAuthentication"].GetBool());
        Assert.False(options.ContainsKey("Channel"));
        string record = options["ServiceRecord"].GetString();
        Assert.Contains($"<uuid value=\"{CompanionGattLayout.ServiceUuid}\" /><uuid value=\"0x1101\" />", record, StringComparison.Ordinal);
        Assert.Contains("<uuid value=\"0x0003\" /><uint8 value=\"0x03\" />", record, StringComparison.Ordinal);

        await _logger.WaitForEventAsync(8302, "SDP record registered");
        Assert.Equal("LE advertisement registered, GATT service registered, SDP record registered", publisher.Describe());
    }

    [Fact]
    public async Task BluetoothdRestart_NameOwnerChanged_EverythingRegisteredAgain()
    {
        _bus = await PrivateBus.StartAsync();
        var first = await FakeBlueZ.StartAsync(_bus.Address);
        await using var publisher = new BlueZPublisher(Options, _logger, _bus.Address);
        await publisher.StartAsync(ServerFixture.Timeout());
        await first.Profile.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await first.DisposeAsync();
        await _logger.WaitForEventAsync(8304, "left the bus");
        await using var second = await FakeBlueZ.StartAsync(_bus.Address);

        await second.Advertisement.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var (objects, _) = await second.Application.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await second.Profile.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, objects.Count); // the service and its two characteristics
        await _logger.WaitForEventAsync(8305, "registering again");
    }

    [Fact]
    public async Task RegisterAdvertisement_Refused_LoggedWithReasonOthersRegisteredTcpCompanionServed()
    {
        _bus = await PrivateBus.StartAsync();
        await using var server = new ServerFixture();
        await using var bluez = await FakeBlueZ.StartAsync(_bus.Address, refuse: "RegisterAdvertisement");
        await using var publisher = new BlueZPublisher(Options, _logger, _bus.Address);

        await publisher.StartAsync(ServerFixture.Timeout());

        var refused = await _logger.WaitForEventAsync(8303, "LE advertisement");
        Assert.Contains("org.bluez.Error.Failed: Maximum advertisements reached", refused.Message, StringComparison.Ordinal);
        await bluez.Application.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await bluez.Profile.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("LE advertisement refused (org.bluez.Error.Failed", publisher.Describe(), StringComparison.Ordinal);
        await using var companion = await server.AuthenticatedAsync(await server.PairAsync());
        await companion.PingAsync(ServerFixture.Timeout());
    }

    [Fact]
    public async Task StartAsync_BluetoothdNotYetRunning_WaitsThenRegistersWhenItAppears()
    {
        _bus = await PrivateBus.StartAsync();
        await using var publisher = new BlueZPublisher(Options with { RfcommChannel = null }, _logger, _bus.Address);

        await publisher.StartAsync(ServerFixture.Timeout());
        await _logger.WaitForEventAsync(8301, "LE advertisement, GATT service");
        await using var bluez = await FakeBlueZ.StartAsync(_bus.Address);

        await bluez.Application.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await bluez.Advertisement.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(bluez.Profile.Task.IsCompleted);
    }

    [Fact]
    public async Task StartAsync_NoBus_LoggedNotThrownAndNotDiscoverable()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-bus-{Guid.NewGuid():N}");
        await using var publisher = new BlueZPublisher(Options, _logger, "unix:path=" + missing);

        await publisher.StartAsync(ServerFixture.Timeout());

        await _logger.WaitForEventAsync(8300, missing);
        Assert.StartsWith("not discoverable: no D-Bus system bus", publisher.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ForRfcomm_NameWithMarkup_Escaped()
    {
        string record = SdpRecord.ForRfcomm(5, "Desk <1001> & co");

        Assert.Contains("<text value=\"Desk &lt;1001&gt; &amp; co\" />", record, StringComparison.Ordinal);
        Assert.Contains("<uint8 value=\"0x05\" />", record, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 1, 0, 1, 0 }, true)]
    [InlineData(new byte[] { 0x80, 0, 1, 0, 1, 0, 9, 9 }, true)]
    [InlineData(new byte[] { 0x80, 0, 1, 0, 1 }, false)]
    [InlineData(new byte[] { 0, 0, 1, 0, 1, 0 }, false)]
    [InlineData(new byte[] { 0x80, 0, 2, 0, 1, 0 }, false)]
    public void TryReadChannelInfo_Value_AcceptedOnlyWhenConsistent(byte[] value, bool valid) =>
        Assert.Equal(valid, CompanionGattLayout.TryReadChannelInfo(value, out _, out _, out _));
}
