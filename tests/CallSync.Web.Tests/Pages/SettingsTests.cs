using System.Net;
using CallSync.Web.Pages;
using CallSync.Web.Tests.Support;

namespace CallSync.Web.Tests.Pages;

public sealed class SettingsTests : WebTestContext
{
    public SettingsTests() => SignedIn();

    [Fact]
    public void Render_WhileLoading_ShowsLoading()
    {
        Hub.Hang("GET", "/api/v1/me").Get("/api/v1/timezones", Samples.Zones);
        Assert.Equal("Loading…", Render<Settings>().Find("[role=status]").TextContent);
    }

    [Fact]
    public void Render_HubFails_ShowsError()
    {
        Hub.Error("GET", "/api/v1/me", HttpStatusCode.NotFound, "user no longer exists").Get("/api/v1/timezones", Samples.Zones);
        var page = Render<Settings>();
        page.WaitForAssertion(() => Assert.Contains("user no longer exists (404)", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_DailyPolicy_ShowsTimeAndZoneFromTheList()
    {
        Hub.Get("/api/v1/me", Samples.Profile).Get("/api/v1/timezones", Samples.Zones);
        var page = Render<Settings>();
        page.WaitForAssertion(() => Assert.Equal("17:30", page.Find("#push-time").GetAttribute("value")));
        Assert.True(page.Find("input[value=daily]").HasAttribute("checked"));
        Assert.Equal(["Europe/Berlin", "UTC", "America/New_York"], page.FindAll("#push-zone option").Select(o => o.TextContent));
        Assert.Equal("Europe/Berlin", page.Find("#push-zone").GetAttribute("value"));
    }

    [Fact]
    public void Save_Immediate_SendsThePolicy()
    {
        Hub.Get("/api/v1/me", Samples.Profile).Get("/api/v1/timezones", Samples.Zones)
            .Json("PUT", "/api/v1/me/push", Samples.Profile.Replace("daily", "immediate", StringComparison.Ordinal));
        var page = Render<Settings>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#push-time")));
        page.Find("input[value=immediate]").Change(true);
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find(".notice").TextContent));
        Assert.Contains(Hub.Requests, r => r.Method == "PUT" && r.Body == """{"policy":"immediate","time":"17:30","timeZone":"Europe/Berlin"}""");
        Assert.Empty(page.FindAll("#push-time"));
    }
}
