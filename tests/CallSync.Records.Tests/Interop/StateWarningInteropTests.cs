using System.Text.Json;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Peers.Mosquitto;

namespace CallSync.Records.Tests.Interop;

/// <summary>The retained state carries the phone's warnings (a full disk) and follows them as they come and go.</summary>
[Trait("Category", "Interop")]
[Collection("Mosquitto")]
public sealed class StateWarningInteropTests
{
    private static DeviceState State(byte[] payload) => JsonSerializer.Deserialize(payload, CallSyncJsonContext.Default.DeviceState)!;

    [Fact]
    public async Task RepublishState_DiskFullComesAndGoes_RetainedOnlineStateCarriesWarningThenNone()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartNewAsync();
        await using var watcher = new TestSubscriber(broker.Url, MqttTopics.State(TestRecords.Device.DeviceId));
        await watcher.ConnectAsync();
        IReadOnlyList<string> warnings = [DeviceState.DiskFullWarning];
        var options = new MqttLinkOptions { Url = broker.Url, KeepAlive = TimeSpan.FromSeconds(5) };
        await using var link = new MqttLink(options, TestRecords.Device, 7, TimeProvider.System, new ListLogger<MqttLink>()) { Warnings = () => warnings };

        Assert.False(await link.RepublishStateAsync(CancellationToken.None));
        link.Start();
        await link.WaitConnectedAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.True(await watcher.WaitForAsync(
            m => m.Any(x => State(x.Payload) is { State: DeviceState.Online, Warnings: [DeviceState.DiskFullWarning] }), TimeSpan.FromSeconds(10)));

        warnings = [];
        Assert.True(await link.RepublishStateAsync(CancellationToken.None));
        Assert.True(await watcher.WaitForAsync(m => m.Any(x => State(x.Payload) is { State: DeviceState.Online, Warnings: null }), TimeSpan.FromSeconds(10)));

        // A hub that subscribes later gets the retained state as it is now; the raw payload has no "warnings" at all.
        await using var late = new TestSubscriber(broker.Url, MqttTopics.State(TestRecords.Device.DeviceId));
        await late.ConnectAsync();
        Assert.True(await late.WaitForAsync(m => m.Any(x => x.Retain && State(x.Payload) is { State: DeviceState.Online, Boot: 7, Warnings: null }), TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("warnings", System.Text.Encoding.UTF8.GetString(late.Messages[^1].Payload), StringComparison.Ordinal);
    }
}
