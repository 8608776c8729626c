using CallSync.Contracts;

namespace CallSync.Records.Tests.Contracts;

public sealed class MqttTopicsTests
{
    [Fact]
    public void Calls_DeviceId_BuildsVersionedTopic()
    {
        Assert.Equal("callsync/v1/devices/desk-1/calls", MqttTopics.Calls("desk-1"));
        Assert.Equal("callsync/v1/devices/+/replies", MqttTopics.AllDevices("replies"));
    }

    [Fact]
    public void TryParseDeviceTopic_DeviceTopic_ReturnsIdAndLeaf()
    {
        Assert.True(MqttTopics.TryParseDeviceTopic("callsync/v1/devices/desk-1/state", out string id, out string leaf));
        Assert.Equal("desk-1", id);
        Assert.Equal("state", leaf);
        Assert.False(MqttTopics.TryParseDeviceTopic("callsync/v1/devices/desk-1/state/x", out _, out _));
        Assert.False(MqttTopics.TryParseDeviceTopic("callsync/v1/users/u/inbox", out _, out _));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("")]
    public void Commands_InvalidDeviceId_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => MqttTopics.Commands(id));
    }
}
