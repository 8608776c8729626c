using System.Net.Http.Headers;
using System.Net.Http.Json;
using CallSync.Hub.Api;
using CallSync.Hub.Storage;
using CallSync.Hub.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Api;

/// <summary><c>GET /api/v1/events</c> stops serving a user the moment they may no longer see what it carries.</summary>
public sealed class EventStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Events_UserDisabledByAnAdmin_StreamEndsAtOnce()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("alice");
        var admin = await hub.AdminTokenAsync();
        using var events = await OpenAsync(hub, token);

        using (var disable = await hub.SendAsync(HttpMethod.Put, "/api/v1/admin/users/alice/disabled", admin,
            JsonContent.Create(new DisabledRequest(true), AppJsonContext.Default.DisabledRequest)))
        {
            disable.EnsureSuccessStatusCode();
        }

        Assert.Null(await NextLineAsync(events)); // the end of the stream, not a heartbeat 15 s later
    }

    [Fact]
    public async Task Events_UserDisabledOnAnotherInstance_StreamEndsAtTheNextHeartbeat()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var db = Path.Combine(Path.GetTempPath(), "callsync-hub-events-" + Guid.NewGuid().ToString("N") + ".db");
        await using var hub = await TestHub.SqliteEmbeddedAsync(time, db);
        hub.DatabaseFile = db; // removed with the hub
        var token = await hub.CreateUserAsync("alice");
        using var events = await OpenAsync(hub, token);

        Assert.Equal(": keep-alive", await AdvanceUntilLineAsync(time, events)); // still active: the stream goes on
        Assert.Equal(string.Empty, await NextLineAsync(events));

        // What another hub instance's admin request leaves behind: the row changed, this instance not told.
        await using (var connection = new SqliteConnection("Data Source=" + db))
        {
            await connection.OpenAsync();
            await using var disable = connection.Command("UPDATE users SET disabled = 1 WHERE user_id = 'alice'");
            Assert.Equal(1, await disable.ExecuteNonQueryAsync());
        }

        Assert.Null(await AdvanceUntilLineAsync(time, events)); // the end of the stream instead of the next keep-alive
    }

    /// <summary>
    /// Moves fake time on a second at a time until the stream writes a line: the stream arms its heartbeat only after
    /// it wrote <c>ready</c>, so one jump of a whole heartbeat could come before the timer exists.
    /// </summary>
    private static async Task<string?> AdvanceUntilLineAsync(FakeTimeProvider time, StreamReader reader)
    {
        var line = NextLineAsync(reader);
        for (var second = 0; second < 3 * EventStreamResult.Heartbeat.TotalSeconds && !line.IsCompleted; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(line, Task.Delay(50));
        }

        return await line;
    }

    /// <summary>Opens the stream and reads up to the end of its <c>ready</c> event.</summary>
    private static async Task<StreamReader> OpenAsync(TestHub hub, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await hub.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? line;
        while ((line = await NextLineAsync(reader)) is not null && line != "event: ready")
        {
        }

        Assert.Equal("event: ready", line);
        Assert.Equal("data: {}", await NextLineAsync(reader));
        Assert.Equal(string.Empty, await NextLineAsync(reader));
        return reader;
    }

    private static async Task<string?> NextLineAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await reader.ReadLineAsync(timeout.Token);
    }
}
