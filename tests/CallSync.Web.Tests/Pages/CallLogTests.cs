using System.Net;
using CallSync.Web.Pages;
using CallSync.Web.Sse;
using CallSync.Web.Tests.Support;

namespace CallSync.Web.Tests.Pages;

public sealed class CallLogTests : WebTestContext
{
    public CallLogTests()
    {
        SignedIn();
        Hub.Get("/api/v1/phones", Samples.Phones);
    }

    [Fact]
    public void Render_WhileLoading_ShowsLoading()
    {
        Hub.Hang("GET", "/api/v1/records");
        var page = Render<CallLog>();
        page.WaitForAssertion(() => Assert.Equal("Loading…", page.Find("p[role=status]").TextContent));
    }

    [Fact]
    public void Render_NoCalls_SaysNoneMatch()
    {
        Hub.Get("/api/v1/records", Samples.Page(null));
        var page = Render<CallLog>();
        page.WaitForAssertion(() => Assert.Equal("No calls match these filters.", page.Find(".state.empty").TextContent));
    }

    [Fact]
    public void Render_Forbidden_ShowsTheHubsReason()
    {
        Hub.Error("GET", "/api/v1/records", HttpStatusCode.Forbidden, "not bound to this device");
        var page = Render<CallLog>();
        page.WaitForAssertion(() => Assert.Contains("not bound to this device (403)", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_APageAndMore_ShowsCallsAndLoadsTheNextPageByCursor()
    {
        Hub.Get("/api/v1/records", Samples.Page("c1", Samples.Record(), Samples.Record("6f1c2a8e-0000-4000-8000-000000000002", "+4940999", "busy")));
        var page = Render<CallLog>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("li.call").Count));
        Assert.Equal("To +4930123456", page.Find("li.call a.title").TextContent);
        Assert.Equal("Busy", page.FindAll("li.call .badge")[1].TextContent);
        Hub.Get("/api/v1/records", Samples.Page(null, Samples.Record("6f1c2a8e-0000-4000-8000-000000000003")));
        page.FindAll("button").Single(b => b.TextContent == "Load more").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("li.call").Count));
        Assert.Contains(Hub.Requests, r => r.PathAndQuery.Contains("cursor=c1", StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent == "Load more");
    }

    [Fact]
    public void Apply_Filters_SendsTheDocumentedQuery()
    {
        Hub.Get("/api/v1/records", Samples.Page(null));
        var page = Render<CallLog>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#filter-phone option[value=desk-1]")));
        page.Find("#filter-phone").Change("desk-1");
        page.Find("#filter-direction").Change("incoming");
        page.Find("#filter-result").Change("no-answer");
        page.Find("#filter-number").Change("+49 30 123");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains(Hub.Requests, r =>
            r.PathAndQuery == "/api/v1/records?deviceId=desk-1&direction=incoming&result=no-answer&number=%2B49%2030%20123&limit=50"));
    }

    [Fact]
    public void LiveRecord_NewCall_AppearsAtTheTop()
    {
        Hub.Get("/api/v1/records", Samples.Page(null, Samples.Record()));
        var page = Render<CallLog>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("li.call")));
        const string fresh = "6f1c2a8e-0000-4000-8000-0000000000ff";
        Hub.Get("/api/v1/records", Samples.Page(null, Samples.Record(fresh, "2002"), Samples.Record()));
        Live.Dispatch(new SseMessage("9", "record", $$"""{"recordId":"{{fresh}}","deviceId":"desk-1","direction":"outgoing","remoteNumber":"2002","result":"answered","startedAt":"2026-12-04T10:00:00Z"}"""));
        page.WaitForAssertion(() => Assert.Equal(fresh, page.FindAll("li.call")[0].GetAttribute("data-record")));
        Assert.Equal(2, page.FindAll("li.call").Count);
    }

    [Fact]
    public void Export_Click_DownloadsTheCsvWithTheFilters()
    {
        Hub.Get("/api/v1/records", Samples.Page(null));
        Hub.Json("GET", "/api/v1/records/export.csv", "recordId\r\n");
        var download = JSInterop.SetupVoid("callsync.download", _ => true);
        var page = Render<CallLog>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".state.empty")));
        page.Find("#filter-result").Change("busy");
        page.FindAll("button").Single(b => b.TextContent == "Export CSV").Click();
        page.WaitForAssertion(() => Assert.Single(download.Invocations));
        Assert.Equal("calls.csv", download.Invocations.First().Arguments[0]);
        Assert.Contains(Hub.Requests, r => r.PathAndQuery == "/api/v1/records/export.csv?result=busy");
    }
}
