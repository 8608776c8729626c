using System.Net;
using CallSync.Web.Pages;
using CallSync.Web.Sse;
using CallSync.Web.Tests.Support;

namespace CallSync.Web.Tests.Pages;

public sealed class DialTests : WebTestContext
{
    public DialTests() => SignedIn();

    [Fact]
    public void Render_WhileLoading_ShowsLoading()
    {
        Hub.Hang("GET", "/api/v1/phones");
        Assert.Equal("Loading…", Render<Dial>().Find("[role=status]").TextContent);
    }

    [Fact]
    public void Render_NoPhoneMayDial_SaysADialPermissionIsNeeded()
    {
        Hub.Get("/api/v1/phones", Samples.Phones.Replace("\"canDial\":true", "\"canDial\":false", StringComparison.Ordinal));
        var page = Render<Dial>();
        page.WaitForAssertion(() => Assert.Contains("dial permission", page.Find(".state.empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_HubUnreachable_ShowsError()
    {
        Hub.Error("GET", "/api/v1/phones", HttpStatusCode.InternalServerError, "boom");
        var page = Render<Dial>();
        page.WaitForAssertion(() => Assert.Contains("boom (500)", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Dial_LiveProgress_GoesSentAcceptedSucceededWithALinkToTheRecord()
    {
        Hub.Get("/api/v1/phones", Samples.Phones).Json("POST", "/api/v1/devices/desk-1/dial", Samples.Dial("sent"), HttpStatusCode.Accepted);
        var page = Render<Dial>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#dial-phone option")));
        page.Find("#dial-number").Change("2002");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal("sent", page.Find(".dial-status .badge").TextContent));
        Assert.True(page.Find("button[type=submit]").HasAttribute("disabled"));

        Live.Dispatch(new SseMessage("1", "dial", Samples.Dial("accepted")));
        page.WaitForAssertion(() => Assert.Equal("accepted", page.Find(".dial-status .badge").TextContent));
        Live.Dispatch(new SseMessage("2", "dial", Samples.Dial("succeeded", Samples.RecordId)));
        page.WaitForAssertion(() => Assert.Equal("calls/" + Samples.RecordId, page.Find("#dial-record").GetAttribute("href")));
        Assert.Equal(["done", "done", "done"], page.FindAll("ol.progress li").Select(li => li.ClassName));
        Assert.Contains(Hub.Requests, r => r.Body == """{"number":"2002"}""");
    }

    [Fact]
    public void Dial_Rejected_ShowsTheReasonInWords()
    {
        Hub.Get("/api/v1/phones", Samples.Phones).Json("POST", "/api/v1/devices/desk-1/dial", Samples.Dial("sent"), HttpStatusCode.Accepted);
        var page = Render<Dial>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#dial-phone option")));
        page.Find("#dial-number").Change("2002");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".dial-status")));
        Live.Dispatch(new SseMessage("1", "dial", Samples.Dial("rejected", reason: "busy")));
        page.WaitForAssertion(() => Assert.Contains("The desk phone refused: the desk phone is in another call", page.Find(".dial-status").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Dial_NoEventArrives_PollingNoticesTheTimeout()
    {
        Hub.Get("/api/v1/phones", Samples.Phones).Json("POST", "/api/v1/devices/desk-1/dial", Samples.Dial("sent"), HttpStatusCode.Accepted)
            .Get("/api/v1/dials/req-1", Samples.Dial("timed-out", reason: "the device did not accept the dial in time"));
        var page = Render<Dial>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#dial-phone option")));
        page.Find("#dial-number").Change("2002");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal("sent", page.Find(".dial-status .badge").TextContent));
        Time.Advance(TimeSpan.FromSeconds(3));
        page.WaitForAssertion(() => Assert.Equal("timed-out", page.Find(".dial-status .badge").TextContent));
        Assert.Contains("No answer from the desk phone", page.Find(".dial-status").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Dial_InvalidNumber_ShowsTheHubsReason()
    {
        Hub.Get("/api/v1/phones", Samples.Phones).Error("POST", "/api/v1/devices/desk-1/dial", HttpStatusCode.BadRequest, "number is not diallable");
        var page = Render<Dial>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#dial-phone option")));
        page.Find("#dial-number").Change("abc");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal("number is not diallable (400)", page.Find(".notice.error").TextContent));
    }
}
