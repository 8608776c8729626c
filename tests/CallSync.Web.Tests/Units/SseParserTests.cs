using CallSync.Web.Sse;

namespace CallSync.Web.Tests.Units;

public sealed class SseParserTests
{
    private const string Stream = "retry: 2000\nevent: ready\ndata: {}\n\n: keep-alive\n\nid: 41\nevent: record\ndata: {\"a\":1}\n\r\nid: 42\r\nevent: dial\r\ndata: line1\r\ndata: line2\r\n\r\n";

    private static readonly SseMessage[] Expected =
    [
        new(null, "ready", "{}"),
        new("41", "record", "{\"a\":1}"),
        new("42", "dial", "line1\nline2"),
    ];

    [Fact]
    public void Feed_WholeStream_YieldsEveryEventAndTheLastId()
    {
        var parser = new SseParser();
        var output = new List<SseMessage>();
        parser.Feed(Stream, output);
        Assert.Equal(Expected, output);
        Assert.Equal("42", parser.LastEventId);
    }

    [Fact]
    public void Feed_SplitAtEveryPosition_YieldsTheSameEvents()
    {
        for (var split = 0; split <= Stream.Length; split++)
        {
            var parser = new SseParser();
            var output = new List<SseMessage>();
            parser.Feed(Stream.AsSpan(0, split), output);
            parser.Feed(Stream.AsSpan(split), output);
            Assert.Equal(Expected, output);
        }
    }

    [Fact]
    public void Feed_OneCharacterAtATime_YieldsTheSameEvents()
    {
        var parser = new SseParser();
        var output = new List<SseMessage>();
        foreach (var c in Stream)
        {
            parser.Feed([c], output);
        }

        Assert.Equal(Expected, output);
    }

    [Fact]
    public void Feed_OverlongLine_DropsThatEventAndRecovers()
    {
        var parser = new SseParser();
        var output = new List<SseMessage>();
        parser.Feed("event: record\ndata: " + new string('x', SseParser.MaxLineLength + 10) + "\n\nevent: dial\ndata: ok\n\n", output);
        Assert.Equal([new SseMessage(null, "dial", "ok")], output);
    }

    [Fact]
    public void Feed_EventWithoutData_IsNotDispatched()
    {
        var parser = new SseParser();
        var output = new List<SseMessage>();
        parser.Feed("event: record\n\nid: 5\n\ndata\n\n", output);
        Assert.Equal([new SseMessage(null, "message", string.Empty)], output);
        Assert.Equal("5", parser.LastEventId);
    }
}
