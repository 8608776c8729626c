using System.Net;
using CallSync.Web.Pages;
using CallSync.Web.Tests.Support;

namespace CallSync.Web.Tests.Pages;

public sealed class MyPhonesTests : WebTestContext
{
    public MyPhonesTests() => SignedIn();

    [Fact]
    public void Render_WhileLoading_ShowsLoading()
    {
        Hub.Hang("GET", "/api/v1/phones");
        var page = Render<MyPhones>();
        Assert.Equal("Loading…", page.Find("[role=status]").TextContent);
    }

    [Fact]
    public void Render_NoBindings_SaysHowToAskForOne()
    {
        Hub.Get("/api/v1/phones", "[]");
        var page = Render<MyPhones>();
        page.WaitForAssertion(() => Assert.Contains("not bound to any desk phone", page.Find(".state.empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_HubRefuses_ShowsReasonAndRetry()
    {
        Hub.Error("GET", "/api/v1/phones", HttpStatusCode.ServiceUnavailable, "database down");
        var page = Render<MyPhones>();
        page.WaitForAssertion(() => Assert.Contains("database down (503)", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Hub.Get("/api/v1/phones", Samples.Phones);
        page.Find("[role=alert] button").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("li.phone").Count));
    }

    [Fact]
    public void Render_TwoBindings_ShowsStateLastSeenAndPending()
    {
        Hub.Get("/api/v1/phones", Samples.Phones);
        var page = Render<MyPhones>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("li.phone").Count));
        var active = page.Find("li[data-device=desk-1]");
        Assert.Equal("Desk 1001", active.QuerySelector(".title")!.TextContent);
        Assert.Contains("online", active.QuerySelector(".badge.online")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("may dial", active.TextContent, StringComparison.Ordinal);
        Assert.Contains("waiting for an admin", page.Find("li[data-device=desk-2]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestBinding_PendingAnswer_SaysItWaitsForAnAdmin()
    {
        Hub.Get("/api/v1/phones", "[]");
        Hub.Json("POST", "/api/v1/bindings", """{"userId":"alice","deviceId":"desk-2","status":"pending","canDial":false,"via":"app","updatedAt":"2026-12-04T10:00:00Z"}""", HttpStatusCode.Accepted);
        var page = Render<MyPhones>();
        page.Find("#deskNumber").Change("2001");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal("Your request for desk 2001 waits for an admin.", page.Find(".notice.ok").TextContent));
        Assert.Contains(Hub.Requests, r => r.Method == "POST" && r.Body == """{"deskNumber":"2001"}""");
    }

    [Fact]
    public void Unbind_Click_DeletesTheBindingAndReloads()
    {
        Hub.Get("/api/v1/phones", Samples.Phones).Status("DELETE", "/api/v1/bindings/desk-1", HttpStatusCode.NoContent);
        var page = Render<MyPhones>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("li.phone").Count));
        page.Find("li[data-device=desk-1] button").Click();
        page.WaitForAssertion(() => Assert.Equal("Unbound from desk-1.", page.Find(".notice").TextContent));
        Assert.Equal(2, Hub.Count("GET", "/api/v1/phones"));
    }

    [Fact]
    public void LiveEvent_DeviceWentOffline_ReloadsTheList()
    {
        Hub.Get("/api/v1/phones", Samples.Phones);
        var page = Render<MyPhones>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("li.phone").Count));
        Hub.Get("/api/v1/phones", Samples.Phones.Replace("\"online\":true", "\"online\":false", StringComparison.Ordinal));
        Live.Dispatch(new CallSync.Web.Sse.SseMessage("7", "device", """{"deviceId":"desk-1","online":false,"changedAt":"2026-12-04T10:00:00Z"}"""));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("li[data-device=desk-1] .badge.offline")));
    }
}
