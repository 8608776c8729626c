using System.Text.Json;
using CallSync.Contracts;

namespace CallSync.Records.Tests.Contracts;

public sealed class CallRecordJsonTests
{
    internal static CallRecord Sample() => new()
    {
        RecordId = Guid.Parse("0b7e3c52-5f0e-4a8e-9a51-3d7c1c1f2a10"),
        CallId = "a84b4c76e66710@pc33.example.com",
        DeviceId = "desk-0042",
        DeviceNumber = "201",
        Direction = CallDirection.Outgoing,
        LocalNumber = PartyNumber.From("201"),
        RemoteNumber = PartyNumber.From("+49 (30) 1234-567"),
        StartedAt = new DateTimeOffset(2026, 11, 23, 19, 39, 25, 123, TimeSpan.FromHours(1)),
        RingingAt = new DateTimeOffset(2026, 11, 23, 18, 39, 26, 0, TimeSpan.Zero),
        AnsweredAt = new DateTimeOffset(2026, 11, 23, 18, 39, 30, 500, TimeSpan.Zero),
        EndedAt = new DateTimeOffset(2026, 11, 23, 18, 41, 0, 0, TimeSpan.Zero),
        RingSeconds = 4.5,
        TalkSeconds = 89.5,
        Result = CallResult.NoAnswer,
        SipStatus = 480,
        SipReason = "Temporarily Unavailable",
        EndedBy = CallEndedBy.Remote,
        Codec = "PCMU/8000",
        Quality = new CallQuality { LossPercent = 0.5, JitterMs = 3.25, RttMs = 12, Mos = 4.1, ConcealedPeriods = 3 },
        Origin = new CallOrigin { Kind = OriginKind.Remote, CommandId = "cmd-1" },
        Recording = new RecordingInfo { Id = Guid.Parse("0b7e3c52-5f0e-4a8e-9a51-3d7c1c1f2a10"), Seconds = 89.5, SampleRate = 16000, Bytes = 123456, Sha256 = new string('a', 64) },
        Flags = [RecordFlags.RecordingsEvicted],
    };

    [Fact]
    public void Serialize_SampleRecord_UsesDocumentedWireNames()
    {
        string json = JsonSerializer.Serialize(Sample(), CallSyncJsonContext.Default.CallRecord);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("outgoing", root.GetProperty("direction").GetString());
        Assert.Equal("no-answer", root.GetProperty("result").GetString());
        Assert.Equal("remote", root.GetProperty("endedBy").GetString());
        Assert.Equal("remote", root.GetProperty("origin").GetProperty("kind").GetString());
        Assert.Equal("2026-11-23T18:39:25.123Z", root.GetProperty("startedAt").GetString());
        Assert.Equal("2026-11-23T18:39:30.500Z", root.GetProperty("answeredAt").GetString());
        Assert.Equal("+49301234567", root.GetProperty("remoteNumber").GetProperty("normalized").GetString());
        Assert.Equal("audio/ogg; codecs=opus", root.GetProperty("recording").GetProperty("format").GetString());
        Assert.False(root.GetProperty("recording").TryGetProperty("evicted", out _));
        Assert.Equal("recordingsEvicted", root.GetProperty("flags")[0].GetString());
    }

    [Fact]
    public void Deserialize_SerializedRecord_RoundTripsEveryField()
    {
        CallRecord original = Sample();
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(original, CallSyncJsonContext.Default.CallRecord);
        CallRecord? back = JsonSerializer.Deserialize(json, CallSyncJsonContext.Default.CallRecord);

        Assert.NotNull(back);
        Assert.Equal(original.StartedAt, back.StartedAt);
        Assert.Equal(original.RemoteNumber, back.RemoteNumber);
        Assert.Equal(original.Recording, back.Recording);
        Assert.Equal(original.Quality, back.Quality);
        Assert.Equal(original.Flags, back.Flags);
        Assert.Equal(json, JsonSerializer.SerializeToUtf8Bytes(back, CallSyncJsonContext.Default.CallRecord));
    }

    [Fact]
    public void Serialize_NoRecording_WritesNoRecordingProperty()
    {
        string json = JsonSerializer.Serialize(Sample() with { Recording = null, RingingAt = null }, CallSyncJsonContext.Default.CallRecord);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.False(doc.RootElement.TryGetProperty("recording", out _));
        Assert.False(doc.RootElement.TryGetProperty("ringingAt", out _));
    }
}
