using System.Net;
using System.Net.Http.Json;
using CallSync.Hub.Api;
using CallSync.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Security;

public sealed class SignInLimitTests
{
    private static async Task<HttpResponseMessage> SignInAsync(TestHub hub, string user, string password) =>
        await hub.Http.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(user, password), HubJsonContext.Default.TokenRequest);

    [Fact]
    public async Task SignIn_BruteForcePastTheUserLimit_429WithRetryAfterLoggedThenRightPasswordWorksAfterTheWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new ListLoggerProvider();
        await using var hub = await TestHub.SqliteEmbeddedAsync(time, logs: logs);
        await hub.CreateUserAsync("alice");

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(hub, "alice", "guess-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var blocked = await SignInAsync(hub, "alice", "guess-5"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(15), blocked.Headers.RetryAfter!.Delta);
            Assert.Contains("too many failed attempts", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var rightButBlocked = await SignInAsync(hub, "alice", "password-alice"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, rightButBlocked.StatusCode);
        }

        for (var i = 0; i < 20; i++)
        {
            using var more = await SignInAsync(hub, "alice", "guess");
            Assert.Equal(HttpStatusCode.TooManyRequests, more.StatusCode);
        }

        // Logged, but not once per attempt: one line per minute per subject.
        Assert.Equal(1, logs.Count(7130));

        time.Advance(TimeSpan.FromMinutes(14));
        using (var stillBlocked = await SignInAsync(hub, "alice", "password-alice"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillBlocked.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(1), stillBlocked.Headers.RetryAfter!.Delta);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        using var after = await SignInAsync(hub, "alice", "password-alice");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task SignIn_ManyUserNamesFromOneAddress_AddressLimitedOtherUsersNot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.SqliteEmbeddedAsync(time);
        await hub.AdminTokenAsync();

        for (var i = 0; i < 20; i++)
        {
            using var wrong = await SignInAsync(hub, "user" + i, "guess");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var blocked = await SignInAsync(hub, "someone-new", "guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        using var enroll = await hub.EnrollAsync(new CallSync.Contracts.EnrollmentRequest { Code = "0000-0000-0000", DeviceId = "desk-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, enroll.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_NewOneWorksOldOneNot()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("alice");

        using (var wrong = await hub.SendAsync(HttpMethod.Put, "/api/v1/me/password", token,
            JsonContent.Create(new PasswordChangeRequest("not-it", "brand-new-password"), HubJsonContext.Default.PasswordChangeRequest)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using (var changed = await hub.SendAsync(HttpMethod.Put, "/api/v1/me/password", token,
            JsonContent.Create(new PasswordChangeRequest("password-alice", "brand-new-password"), HubJsonContext.Default.PasswordChangeRequest)))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        using var old = await SignInAsync(hub, "alice", "password-alice");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.NotEmpty(await hub.TokenAsync("alice", "brand-new-password"));

        // Both attempts are in the audit trail, the refused one with its reason.
        using var response = await hub.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?limit=1000", await hub.AdminTokenAsync());
        var audit = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.IReadOnlyListAuditDto))!
            .Where(e => e.Action == AuthEndpoints.PasswordAuditAction).OrderBy(e => e.Id).ToList();
        Assert.Equal([("alice", "refused", "current password wrong"), ("alice", "changed", "")], audit.Select(e => (e.UserId, e.Outcome, e.Detail)));
    }
}
