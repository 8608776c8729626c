using System.Diagnostics;
using CallSync.Mqtt;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Mosquitto;
using CallSync.Testing.Waiting;

namespace CallSync.Records.Tests.Interop;

/// <summary>
/// The phone's link follows its credentials (an enrollment while the agent runs): with none it waits, a refused
/// password is retried with back-off, and new credentials reconnect at once, against a mosquitto that refuses
/// anonymous clients.
/// </summary>
[Trait("Category", "Interop")]
[Collection("Mosquitto")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LinkCredentialsInteropTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _passwd;

    public LinkCredentialsInteropTests()
    {
        _passwd = Path.Combine(_dir.Path, "passwd");
        using (var tool = Process.Start(new ProcessStartInfo("mosquitto_passwd", ["-b", "-c", _passwd, TestRecords.Device.DeviceId, "issued-secret"]) { UseShellExecute = false })!)
        {
            Assert.True(tool.WaitForExit(10_000) && tool.ExitCode == 0, "mosquitto_passwd failed");
        }

        // Mosquitto drops to its own user when started as root: it must be able to read the file.
        File.SetUnixFileMode(_dir.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(_passwd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Start_NotEnrolledThenWrongThenIssuedCredentials_WaitsRetriesAndConnects()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoOptions { Listener = port => $"listener {port} 127.0.0.1\nallow_anonymous false\npassword_file {_passwd}" });
        var logger = new ListLogger<MqttLink>();
        var credentials = new DeviceCredentials(null, []);
        var options = new MqttLinkOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(100), ReconnectMaxDelay = TimeSpan.FromMilliseconds(300), OperationTimeout = TimeSpan.FromSeconds(5) };
        await using var link = new MqttLink(options, credentials, TestRecords.Device, 1, TimeProvider.System, logger);
        link.Start();

        await Eventually.UntilAsync(() => logger.Count(5013) == 1, TimeSpan.FromSeconds(10), "the \"waiting for credentials\" line");
        Assert.False(link.IsConnected);

        credentials.Replace(new BrokerCredential(broker.Url, TestRecords.Device.DeviceId, "wrong"), new byte[32]);
        await Eventually.UntilAsync(() => logger.Count(5002) >= 2, TimeSpan.FromSeconds(10), "the wrong password refused and retried");
        Assert.False(link.IsConnected);

        credentials.Replace(new BrokerCredential(broker.Url, TestRecords.Device.DeviceId, "issued-secret"), new byte[32]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await link.WaitConnectedAsync(timeout.Token);
        Assert.True(await link.PublishAsync(CallSync.Contracts.MqttTopics.Calls(TestRecords.Device.DeviceId), "{}"u8.ToArray(), CancellationToken.None));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("issued-secret", StringComparison.Ordinal));
    }
}
