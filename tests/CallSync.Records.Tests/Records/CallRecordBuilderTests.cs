using CallSync.Contracts;
using CallSync.Records.Tests.Support;

namespace CallSync.Records.Tests.Records;

public sealed class CallRecordBuilderTests
{
    [Fact]
    public void Build_AnsweredCall_ComputesRingAndTalkSeconds()
    {
        CallRecord record = CallRecordBuilder.Build(TestRecords.Call(TestRecords.IdFor(1)));

        Assert.Equal(5.25, record.RingSeconds);
        Assert.Equal(60.25, record.TalkSeconds);
        Assert.Equal("desk-test", record.DeviceId);
        Assert.Equal("+49301234", record.RemoteNumber.Normalized);
        Assert.Equal("+49 30 1234", record.RemoteNumber.Raw);
        Assert.Contains(RecordFlags.NoRecording, record.Flags);
    }

    [Fact]
    public void Build_UnansweredWithoutRinging_RingsFromStartToEndAndTalksZero()
    {
        FinishedCall call = TestRecords.Call(TestRecords.IdFor(1));
        call = call with { Record = call.Record with { RingingAt = null, AnsweredAt = null, Result = CallResult.NoAnswer, SipStatus = 480 } };
        CallRecord record = CallRecordBuilder.Build(call);

        Assert.Equal(66.5, record.RingSeconds);
        Assert.Equal(0, record.TalkSeconds);
        Assert.Null(record.AnsweredAt);
    }

    [Fact]
    public void Build_SubMillisecondInstants_TruncatesToMillisecondsUtc()
    {
        var start = new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);
        FinishedCall call = TestRecords.Call(TestRecords.IdFor(1));
        call = call with { Record = call.Record with { StartedAt = start, RingingAt = null, AnsweredAt = null, EndedAt = start.AddSeconds(1) } };
        CallRecord record = CallRecordBuilder.Build(call);

        Assert.Equal(TimeSpan.Zero, record.StartedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 18, 0, 0, 123, TimeSpan.Zero), record.StartedAt);
    }

    [Fact]
    public void Build_CutShortRecording_SetsRecordingAndFlag()
    {
        Guid id = TestRecords.IdFor(2);
        var recording = new FinishedRecording { Path = "/x.opus", Bytes = 10, Duration = TimeSpan.FromMilliseconds(1500), Sha256 = new string('F', 64), CutShort = true };
        CallRecord record = CallRecordBuilder.Build(TestRecords.Call(id, recording));

        Assert.Equal(id, record.Recording!.Id);
        Assert.Equal(1.5, record.Recording.Seconds);
        Assert.True(record.Recording.CutShort);
        Assert.Equal(2, record.Recording.Channels);
        Assert.Contains(RecordFlags.RecordingCutShort, record.Flags);
        Assert.DoesNotContain(RecordFlags.NoRecording, record.Flags);
    }

    [Fact]
    public void Build_WidebandRecording_CarriesItsSampleRate()
    {
        var recording = new FinishedRecording { Path = "/x.opus", Bytes = 10, Duration = TimeSpan.FromSeconds(2), SampleRate = 16000, Sha256 = new string('F', 64) };
        CallRecord record = CallRecordBuilder.Build(TestRecords.Call(TestRecords.IdFor(3), recording));

        Assert.Equal(16000, record.Recording!.SampleRate);
    }
}
