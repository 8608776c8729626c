using System.Net;
using CallSync.Web.Pages;
using CallSync.Web.Sse;
using CallSync.Web.Tests.Support;

namespace CallSync.Web.Tests.Pages;

public sealed class CallDetailTests : WebTestContext
{
    private const string RecordPath = "/api/v1/records/" + Samples.RecordId;
    private const string StatusPath = RecordPath + "/recording/status";

    public CallDetailTests() => SignedIn();

    [Fact]
    public void Render_WhileLoading_ShowsLoading()
    {
        Hub.Hang("GET", RecordPath);
        var page = Render<CallDetail>(p => p.Add(x => x.RecordId, Samples.RecordId));
        Assert.Equal("Loading…", page.Find("[role=status]").TextContent);
    }

    [Fact]
    public void Render_NotBound_ShowsForbidden()
    {
        Hub.Error("GET", RecordPath, HttpStatusCode.Forbidden, "not bound to this record's device");
        var page = Render<CallDetail>(p => p.Add(x => x.RecordId, Samples.RecordId));
        page.WaitForAssertion(() => Assert.Contains("not bound to this record's device (403)", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Record_ShowsEveryFieldAndExplainsTheMos()
    {
        Hub.Get(RecordPath, Samples.Record());
        Hub.Error("GET", StatusPath, HttpStatusCode.Conflict, "this record has no recording");
        var page = Render<CallDetail>(p => p.Add(x => x.RecordId, Samples.RecordId));
        page.WaitForAssertion(() => Assert.Contains("MOS 4.2", page.Find(".quality").TextContent, StringComparison.Ordinal));
        Assert.Contains("Good (4.0-4.3)", page.Find(".quality").TextContent, StringComparison.Ordinal);
        var fields = page.FindAll(".record-fields dt").Select(d => d.TextContent).ToList();
        Assert.Contains("callId", fields);
        Assert.Contains("quality.jitterMs", fields);
        Assert.Contains("recording.sha256", fields);
        Assert.Contains("1:02", page.Find("dl.fields").TextContent, StringComparison.Ordinal); // talk time 61.5 s
        Assert.Equal("signalling and audio encrypted (TLS + SRTP)", page.Find(".security").TextContent);
        Assert.Equal("This call has no recording.", page.Find(".recording .state").TextContent);
    }

    [Fact]
    public void Render_RecordingOnTheHub_PlaysThroughAPlaybackLink()
    {
        Hub.Get(RecordPath, Samples.Record());
        Hub.Get(StatusPath, $$"""{"recordId":"{{Samples.RecordId}}","state":"stored","offset":12345,"size":12345,"sha256":"{{new string('a', 64)}}","uploadAllowed":true}""");
        Hub.Json("POST", RecordPath + "/recording/link", """{"url":"/api/v1/records/x/recording?ticket=t1","expiresAt":"2026-12-04T11:00:00Z"}""");
        var page = Render<CallDetail>(p => p.Add(x => x.RecordId, Samples.RecordId));
        page.WaitForAssertion(() => Assert.Equal("/api/v1/records/x/recording?ticket=t1", page.Find("audio").GetAttribute("src")));
        Assert.Contains("12.1 KiB", page.Find(".recording").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RecordingStillOnTheMobile_SaysSoAndShowsItLiveOnceUploaded()
    {
        var absent = $$"""{"recordId":"{{Samples.RecordId}}","state":"absent","offset":0,"size":12345,"sha256":"{{new string('a', 64)}}","uploadAllowed":true}""";
        Hub.Get(RecordPath, Samples.Record()).Get(StatusPath, absent);
        var page = Render<CallDetail>(p => p.Add(x => x.RecordId, Samples.RecordId));
        page.WaitForAssertion(() => Assert.Contains("not on the hub", page.Find(".recording").TextContent, StringComparison.Ordinal));
        Hub.Get(StatusPath, absent.Replace("absent", "stored", StringComparison.Ordinal));
        Hub.Json("POST", RecordPath + "/recording/link", """{"url":"/play?ticket=t2","expiresAt":"2026-12-04T11:00:00Z"}""");
        Live.Dispatch(new SseMessage("3", "recording", $$"""{"recordId":"{{Samples.RecordId}}","deviceId":"desk-1","bytes":12345}"""));
        page.WaitForAssertion(() => Assert.Equal("/play?ticket=t2", page.Find("audio").GetAttribute("src")));
    }
}
