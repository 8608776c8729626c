using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CallSync.Hub.Api;
using CallSync.Hub.Configuration;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CallSync.Hub.Tests.Security;

/// <summary>Issue 19, item 6: failed sign-ins logged and audited, no user enumeration by timing, tokens bounded and tied to live users.</summary>
public sealed class SignInHardeningTests(ITestOutputHelper output)
{
    private static async Task<HttpResponseMessage> SignInAsync(TestHub hub, string user, string password) =>
        await hub.Http.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(user, password), HubJsonContext.Default.TokenRequest);

    private static async Task<HttpStatusCode> MeAsync(TestHub hub, string token)
    {
        using var response = await hub.SendAsync(HttpMethod.Get, "/api/v1/me", token);
        return response.StatusCode;
    }

    [Fact]
    public async Task SignIn_UnknownAndKnownUsers_SameHashWorkAndSimilarTime()
    {
        var db = Path.Combine(Path.GetTempPath(), "callsync-hub-timing-" + Guid.NewGuid().ToString("N") + ".db");
        var options = TestHub.WithSecurity(
            TestHub.Options(StorageProvider.Sqlite, "Data Source=" + db, FreePort.Tcp(), embedded: true, "hub"),
            TestHub.Security(signInLimitPerUser: 1000, signInLimitPerAddress: 100_000));
        await using var hub = await TestHub.StartAsync(options, TimeProvider.System);
        hub.DatabaseFile = db;
        await hub.CreateUserAsync("alice");
        var signIn = hub.Get<SignInService>();

        const int Rounds = 15;
        var known = new List<double>();
        var unknown = new List<double>();
        using (var warm = await SignInAsync(hub, "nobody", "wrong-password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, warm.StatusCode);
        }

        var before = signIn.Verifications;
        for (var i = 0; i < Rounds; i++)
        {
            known.Add(await TimedFailureAsync(hub, "alice"));
            unknown.Add(await TimedFailureAsync(hub, "nobody-" + i));
        }

        // The work: exactly one PBKDF2 verification per attempt, known user or not (the dummy hash has the configured iterations).
        Assert.Equal(2 * Rounds, signIn.Verifications - before);

        // The time, loosely (a loaded 2-core machine): before, an unknown user answered ~70 times faster.
        var (knownMedian, unknownMedian) = (Median(known), Median(unknown));
        output.WriteLine($"median sign-in failure: known user {knownMedian:F1} ms, unknown user {unknownMedian:F1} ms, ratio {unknownMedian / knownMedian:F2}");
        Assert.InRange(unknownMedian / knownMedian, 0.5, 2.0);
    }

    [Fact]
    public async Task SignIn_Failures_LoggedRateLimitedAndAudited()
    {
        var logs = new ListLoggerProvider();
        await using var hub = await TestHub.SqliteEmbeddedAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), logs: logs);
        await hub.CreateUserAsync("alice");

        foreach (var (user, password) in new[] { ("alice", "guess-1"), ("alice", "guess-2"), ("mallory", "guess-3") })
        {
            using var failed = await SignInAsync(hub, user, password);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        Assert.Equal(1, logs.Count(7131)); // one line per address per minute, the rest counted into the next line
        using var response = await hub.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?limit=1000", await hub.AdminTokenAsync());
        var audit = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.IReadOnlyListAuditDto))!
            .Where(e => e.Action == SignInService.AuditAction).OrderBy(e => e.Id).ToList();
        Assert.Equal(
            [("alice", "failed", "wrong password"), ("alice", "failed", "wrong password"), ("mallory", "failed", "unknown user")],
            audit.Select(e => (e.UserId, e.Outcome, e.Detail)));
        Assert.All(audit, e => Assert.Equal("127.0.0.1", e.Actor));
    }

    [Fact]
    public async Task Authenticate_ValidlySignedHundredYearToken_Refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.SqliteEmbeddedAsync(time);
        await hub.CreateUserAsync("alice");
        var forged = new AccessTokenService(TestHub.Secret, TimeSpan.FromDays(36_500), time).Issue("alice", UserRole.Admin).Token;
        var normal = new AccessTokenService(TestHub.Secret, TimeSpan.FromHours(1), time).Issue("alice", UserRole.User).Token;

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(hub, forged));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(hub, normal));
    }

    [Fact]
    public async Task Authenticate_TokenOfDeletedUser_Refused()
    {
        var db = Path.Combine(Path.GetTempPath(), "callsync-hub-deleted-" + Guid.NewGuid().ToString("N") + ".db");
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System, db);
        hub.DatabaseFile = db;
        var token = await hub.CreateUserAsync("alice");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(hub, token));

        await using (var connection = new SqliteConnection("Data Source=" + db))
        {
            await connection.OpenAsync();
            await using var delete = connection.Command("DELETE FROM users WHERE user_id = 'alice'");
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(hub, token));
    }

    [Fact]
    public async Task SetDisabled_TokensSignInAndBrokerRefusedUntilEnabled()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("alice");
        var admin = await hub.AdminTokenAsync();

        Assert.Equal(HttpStatusCode.NoContent, await SetDisabledAsync(hub, admin, "alice", disabled: true));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(hub, token));
        using (var signIn = await SignInAsync(hub, "alice", "password-alice"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        }

        var (identity, _) = await hub.Get<BrokerAuthenticator>().AuthenticateAsync("user@alice", "user@alice", token, CancellationToken.None);
        Assert.Null(identity);
        using (var list = await hub.SendAsync(HttpMethod.Get, "/api/v1/admin/users", admin))
        {
            var users = (await list.Content.ReadFromJsonAsync(AppJsonContext.Default.IReadOnlyListUserDto))!;
            Assert.True(users.Single(u => u.UserId == "alice").Disabled);
        }

        Assert.Equal(HttpStatusCode.Conflict, await SetDisabledAsync(hub, admin, TestHub.AdminId, disabled: true));
        Assert.Equal(HttpStatusCode.NotFound, await SetDisabledAsync(hub, admin, "nobody", disabled: true));
        Assert.Equal(HttpStatusCode.NoContent, await SetDisabledAsync(hub, admin, "alice", disabled: false));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(hub, token));
    }

    private static async Task<HttpStatusCode> SetDisabledAsync(TestHub hub, string adminToken, string userId, bool disabled)
    {
        using var response = await hub.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{userId}/disabled", adminToken,
            JsonContent.Create(new DisabledRequest(disabled), AppJsonContext.Default.DisabledRequest));
        return response.StatusCode;
    }

    private static async Task<double> TimedFailureAsync(TestHub hub, string user)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await SignInAsync(hub, user, "wrong-password");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
