using System.Net;
using CallSync.Web.Pages.Admin;
using CallSync.Web.Sse;
using CallSync.Web.Tests.Support;

namespace CallSync.Web.Tests.Admin;

public sealed class AdminPagesTests : WebTestContext
{
    private const string Devices = """
        [{"deviceId":"desk-1","deskNumber":"1001","online":true,"changedAt":"2026-12-04T08:00:00Z","lastCallAt":"2026-12-04T09:10:00Z"},
         {"deviceId":"desk-2","deskNumber":"1002","online":null,"changedAt":null,"lastCallAt":null}]
        """;

    private const string Pending = """[{"userId":"bob","deviceId":"desk-2","status":"pending","canDial":false,"via":"app","updatedAt":"2026-12-04T09:00:00Z"}]""";

    public AdminPagesTests() => SignedIn("root", "admin");

    [Fact]
    public void Devices_States_LoadingEmptyErrorData()
    {
        Hub.Hang("GET", "/api/v1/admin/devices");
        Assert.Equal("Loading…", Render<Devices>().Find("[role=status]").TextContent);

        Hub.Get("/api/v1/admin/devices", "[]");
        var empty = Render<Devices>();
        empty.WaitForAssertion(() => Assert.Equal("No desk phone is registered yet.", empty.Find(".state.empty").TextContent));

        Hub.Error("GET", "/api/v1/admin/devices", HttpStatusCode.Forbidden, "admin role required");
        var error = Render<Devices>();
        error.WaitForAssertion(() => Assert.Contains("admin role required (403)", error.Find("[role=alert]").TextContent, StringComparison.Ordinal));

        Hub.Get("/api/v1/admin/devices", Devices);
        var data = Render<Devices>();
        data.WaitForAssertion(() => Assert.Equal(2, data.FindAll("tbody tr").Count));
        Assert.Equal("online", data.Find("tr[data-device=desk-1] .badge").TextContent);
        Assert.Equal("unknown", data.Find("tr[data-device=desk-2] .badge").TextContent);
        Assert.Contains("never", data.Find("tr[data-device=desk-2]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Users_States_AndCreateAndRole()
    {
        Hub.Hang("GET", "/api/v1/admin/users");
        Assert.Equal("Loading…", Render<Users>().Find("[role=status]").TextContent);

        Hub.Error("GET", "/api/v1/admin/users", HttpStatusCode.InternalServerError, "db");
        var error = Render<Users>();
        error.WaitForAssertion(() => Assert.Contains("db (500)", error.Find("[role=alert]").TextContent, StringComparison.Ordinal));

        Hub.Get("/api/v1/admin/users", "[]");
        var empty = Render<Users>();
        empty.WaitForAssertion(() => Assert.Equal("No users yet.", empty.Find(".state.empty").TextContent));

        Hub.Get("/api/v1/admin/users", """[{"userId":"alice","role":"user","numberPatterns":["20??","+4930*"],"pushPolicy":"off","pushTime":"18:00","timeZone":"UTC"},{"userId":"root","role":"admin","numberPatterns":[],"pushPolicy":"off","pushTime":"18:00","timeZone":"UTC"}]""")
            .Json("POST", "/api/v1/admin/users", Samples.Profile, HttpStatusCode.Created)
            .Status("PUT", "/api/v1/admin/users/alice/role", HttpStatusCode.NoContent);
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Equal("20??, +4930*", page.Find("#patterns-alice").GetAttribute("value"));
        Assert.Empty(page.Find("tr[data-user=root]").QuerySelectorAll("button[aria-label^=Make]")); // no demoting oneself
        page.Find("tr[data-user=alice] button[aria-label^=Make]").Click();
        page.WaitForAssertion(() => Assert.Equal("alice is now an admin.", page.Find(".notice").TextContent));

        page.Find("#new-user").Change("carol");
        page.Find("#new-password").Change("carol-password");
        page.Find("#new-patterns").Change("21??, 3000");
        page.FindAll("form")[^1].Submit();
        page.WaitForAssertion(() => Assert.Equal("User carol created.", page.Find(".notice").TextContent));
        Assert.Contains(Hub.Requests, r => r.Body == """{"userId":"carol","password":"carol-password","role":"user","numberPatterns":["21??","3000"]}""");
    }

    [Fact]
    public void PendingBindings_States_ApproveReadOnlyAndLiveRefresh()
    {
        Hub.Hang("GET", "/api/v1/admin/bindings/pending");
        Assert.Equal("Loading…", Render<Bindings>().Find("[role=status]").TextContent);

        Hub.Error("GET", "/api/v1/admin/bindings/pending", HttpStatusCode.ServiceUnavailable, "down");
        var error = Render<Bindings>();
        error.WaitForAssertion(() => Assert.Contains("down (503)", error.Find("[role=alert]").TextContent, StringComparison.Ordinal));

        Hub.Get("/api/v1/admin/bindings/pending", Pending)
            .Json("POST", "/api/v1/admin/bindings/bob/desk-2/approve", """{"userId":"bob","deviceId":"desk-2","status":"active","canDial":false,"via":"admin","updatedAt":"2026-12-04T10:00:00Z"}""", HttpStatusCode.Created);
        var page = Render<Bindings>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("li.pending-binding")));
        Hub.Get("/api/v1/admin/bindings/pending", "[]");
        page.Find("button[aria-label='Approve bob on desk-2 read only']").Click();
        page.WaitForAssertion(() => Assert.Equal("bob is bound to desk-2, read only.", page.Find(".notice").TextContent));
        Assert.Contains(Hub.Requests, r => r.Body == """{"canDial":false}""");
        Assert.Equal("No binding waits for approval.", page.Find(".state.empty").TextContent);

        Hub.Get("/api/v1/admin/bindings/pending", Pending);
        Live.Dispatch(new SseMessage("4", "binding", """{"userId":"bob","deviceId":"desk-2","action":"request","outcome":"pending"}"""));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("li.pending-binding")));
    }

    [Fact]
    public void Audit_States_AndFilterByUser()
    {
        Hub.Hang("GET", "/api/v1/admin/audit");
        Assert.Equal("Loading…", Render<Audit>().Find("[role=status]").TextContent);

        Hub.Get("/api/v1/admin/audit", "[]");
        var empty = Render<Audit>();
        empty.WaitForAssertion(() => Assert.Equal("Nothing in the audit trail.", empty.Find(".state.empty").TextContent));

        Hub.Error("GET", "/api/v1/admin/audit", HttpStatusCode.Forbidden, "admin role required");
        var error = Render<Audit>();
        error.WaitForAssertion(() => Assert.Contains("(403)", error.Find("[role=alert]").TextContent, StringComparison.Ordinal));

        Hub.Get("/api/v1/admin/audit", """[{"id":2,"at":"2026-12-04T09:00:00Z","actor":"alice","action":"recording-play","userId":"alice","deviceId":"desk-1","outcome":"link","detail":"r1"}]""");
        var page = Render<Audit>();
        page.WaitForAssertion(() => Assert.Contains("recording-play", page.Find("tbody tr").TextContent, StringComparison.Ordinal));
        page.Find("#audit-user").Change("alice");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains(Hub.Requests, r => r.PathAndQuery == "/api/v1/admin/audit?limit=200&userId=alice"));
    }

    [Fact]
    public void Dashboard_States_AndChartsDrawnAsSvg()
    {
        Hub.Hang("GET", "/api/v1/admin/stats");
        Assert.Equal("Loading…", Render<Dashboard>().Find("p[role=status]").TextContent);

        Hub.Error("GET", "/api/v1/admin/stats", HttpStatusCode.BadRequest, "from must not be after to");
        var error = Render<Dashboard>();
        error.WaitForAssertion(() => Assert.Contains("from must not be after to (400)", error.Find("[role=alert]").TextContent, StringComparison.Ordinal));

        Hub.Get("/api/v1/admin/stats", Samples.Stats.Replace("\"total\":5", "\"total\":0", StringComparison.Ordinal));
        var empty = Render<Dashboard>();
        empty.WaitForAssertion(() => Assert.Equal("No calls in this period.", empty.Find(".state.empty").TextContent));

        Hub.Get("/api/v1/admin/stats", Samples.Stats);
        var page = Render<Dashboard>();
        page.WaitForAssertion(() => Assert.Equal("60 %", page.Find("#answer-rate").TextContent));
        // Day 1: answered + busy, day 2: answered + no answer, day 3: nothing -> four stacked rects.
        Assert.Equal(4, page.FindAll("#chart-days rect").Count);
        Assert.Equal(2, page.FindAll("#chart-hours rect").Count);
        Assert.Contains("5:00 (3 calls)", page.Find("#chart-users svg").TextContent, StringComparison.Ordinal);
        Assert.Contains("1001", page.Find("#chart-phones svg").TextContent, StringComparison.Ordinal);
        Assert.Contains(Hub.Requests, r => r.PathAndQuery.StartsWith("/api/v1/admin/stats?from=2026-11-21&to=2026-12-04&timeZone=", StringComparison.Ordinal));
    }
}
