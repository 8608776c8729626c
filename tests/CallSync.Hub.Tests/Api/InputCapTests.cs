using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Records;
using CallSync.Hub.Tests.Infrastructure;

namespace CallSync.Hub.Tests.Api;

/// <summary>Issue 19, item 8: capped admin lists, the device-id alphabet on every route, truthful state logging.</summary>
public sealed class InputCapTests
{
    [Fact]
    public async Task SetPatterns_OverTheCountOrWithAControlCharacter_400WithTheRule()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        await hub.CreateUserAsync("alice");
        var admin = await hub.AdminTokenAsync();

        foreach (var patterns in new[] { Enumerable.Range(0, 101).Select(i => "20" + i).ToArray(), ["20\n*"], [new string('1', 65)] })
        {
            using var refused = await hub.SendAsync(HttpMethod.Put, "/api/v1/admin/users/alice/patterns", admin,
                JsonContent.Create(new PatternsRequest(patterns), HubJsonContext.Default.PatternsRequest));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("at most 100 patterns", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var accepted = await hub.SendAsync(HttpMethod.Put, "/api/v1/admin/users/alice/patterns", admin,
            JsonContent.Create(new PatternsRequest([.. Enumerable.Range(0, 100).Select(i => "20" + i)]), HubJsonContext.Default.PatternsRequest));
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [Fact]
    public async Task SetPatterns_TenMegabyteList_413BeforeItIsRead()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        await hub.CreateUserAsync("alice");
        var token = await hub.AdminTokenAsync();

        // Only the head of a 9.7 MB body is sent: the hub must answer from the announced length, without reading the rest.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.Http.BaseAddress!.Host, hub.Http.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = "PUT /api/v1/admin/users/alice/patterns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
            "\r\nContent-Type: application/json\r\nContent-Length: 9700000\r\n\r\n{\"numberPatterns\":[\"2001\",";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.StartsWith("HTTP/1.1 413", await reader.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/devices/a%25b")]
    [InlineData("/api/v1/devices/-dash-first")]
    [InlineData("/api/v1/records?deviceId=a%25b")]
    [InlineData("/api/v1/records?deviceId=ok&deviceId=twice")]
    [InlineData("/api/v1/records/export.csv?deviceId=a%20b")]
    public async Task DeviceIdRoutes_OutsideTheAlphabet_400WithTheRule(string path)
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        using var response = await hub.SendAsync(HttpMethod.Get, path, await hub.AdminTokenAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("letters, digits", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_RepeatedOlderAndUnknownStates_LogsOnlyTheChange()
    {
        var logs = new ListLoggerProvider();
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System, logs: logs);
        var tracker = hub.Get<DeviceStateTracker>();
        var at = DateTimeOffset.UtcNow;

        await tracker.HandleAsync("phone-1", State(DeviceState.Online, at), CancellationToken.None);
        await tracker.HandleAsync("phone-1", State(DeviceState.Online, at), CancellationToken.None);
        await tracker.HandleAsync("phone-1", State(DeviceState.Offline, at.AddMinutes(-1)), CancellationToken.None);
        await tracker.HandleAsync("phone-1", State("rebooting", at.AddMinutes(1)), CancellationToken.None);

        Assert.Equal(["Device phone-1 online: True"], logs.Entries.Where(e => e.EventId == 7040).Select(e => e.Message));
    }

    private static ReadOnlySequence<byte> State(string state, DateTimeOffset at) =>
        new(JsonSerializer.SerializeToUtf8Bytes(new DeviceState { State = state, Boot = 1, At = at }, CallSyncJsonContext.Default.DeviceState));
}
