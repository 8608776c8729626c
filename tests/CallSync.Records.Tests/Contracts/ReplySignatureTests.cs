using System.Text.Json;
using CallSync.Contracts;

namespace CallSync.Records.Tests.Contracts;

public sealed class ReplySignatureTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static CommandReply Reply() => new()
    {
        CommandId = "c-1",
        DeviceId = "desk-1",
        Status = ReplyStatus.Succeeded,
        RecordId = Guid.Parse("0b5c9a51-0000-4000-8000-000000000001"),
        Result = CallResult.NoAnswer,
        At = new DateTimeOffset(2026, 11, 23, 18, 0, 1, 500, TimeSpan.Zero),
    };

    [Fact]
    public void CanonicalForm_SucceededDial_IsNineLfSeparatedLinesWithWireNames()
    {
        Assert.Equal(
            "callsync-reply-v1\ndesk-1\nc-1\nsucceeded\n\n0b5c9a51-0000-4000-8000-000000000001\nno-answer\n\n2026-11-23T18:00:01.500Z",
            ReplySignature.CanonicalForm(Reply()));
    }

    [Fact]
    public void CanonicalForm_StatusReply_CoversTheDeviceStatus()
    {
        var reply = Reply() with { Device = new DeviceStatus { Activity = DeviceActivity.InCall, Boot = 7, PendingRecords = 2, PendingRecordings = 1 } };
        Assert.Contains("\nin-call 7 2 1\n", ReplySignature.CanonicalForm(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedThenSerializedAndParsed_ReturnsTrue()
    {
        string json = JsonSerializer.Serialize(ReplySignature.Sign(Reply(), Key), CallSyncJsonContext.Default.CommandReply);
        CommandReply parsed = JsonSerializer.Deserialize(json, CallSyncJsonContext.Default.CommandReply)!;

        Assert.True(ReplySignature.Verify(parsed, Key));
    }

    [Fact]
    public void Verify_TamperedUnsignedOrOtherKey_ReturnsFalse()
    {
        CommandReply signed = ReplySignature.Sign(Reply(), Key);

        Assert.False(ReplySignature.Verify(signed with { RecordId = Guid.NewGuid() }, Key));
        Assert.False(ReplySignature.Verify(signed with { Status = ReplyStatus.Failed }, Key));
        Assert.False(ReplySignature.Verify(signed with { DeviceId = "desk-2" }, Key));
        Assert.False(ReplySignature.Verify(signed with { Device = new DeviceStatus { Activity = DeviceActivity.Idle } }, Key));
        Assert.False(ReplySignature.Verify(Reply(), Key));
        Assert.False(ReplySignature.Verify(signed, new byte[32]));
        Assert.False(ReplySignature.Verify(signed with { Signature = "not base64!" }, Key));
        Assert.False(ReplySignature.Verify(signed with { Signature = new string('A', 10_000) }, Key));
    }
}
