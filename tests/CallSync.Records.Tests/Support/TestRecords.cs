using System.Text;
using CallSync.Contracts;

namespace CallSync.Records.Tests.Support;

public static class TestRecords
{
    public static readonly DeviceIdentity Device = new("desk-test", "201");

    /// <summary>A deterministic id per index, so a restarted publisher rebuilds identical records.</summary>
    public static Guid IdFor(int index)
    {
        byte[] bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(12), index);
        bytes[0] = 0xca;
        bytes[1] = 0x11;
        return new Guid(bytes);
    }

    public static FinishedCall Call(Guid id, FinishedRecording? recording = null)
    {
        var start = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
        return new FinishedCall
        {
            Record = new CallRecord
            {
                RecordId = id,
                CallId = id.ToString("N") + "@desk",
                DeviceId = Device.DeviceId,
                DeviceNumber = Device.DeviceNumber,
                Direction = CallDirection.Outgoing,
                LocalNumber = PartyNumber.From("201"),
                RemoteNumber = PartyNumber.From("+49 30 1234"),
                StartedAt = start,
                RingingAt = start.AddSeconds(1),
                AnsweredAt = start.AddSeconds(6.25),
                EndedAt = start.AddSeconds(66.5),
                Result = CallResult.Answered,
                SipStatus = 200,
                SipReason = "OK",
                EndedBy = CallEndedBy.Local,
                Codec = "PCMU/8000",
                Quality = new CallQuality { LossPercent = 0.1, JitterMs = 2.5 },
                Origin = new CallOrigin { Kind = OriginKind.Keypad },
            },
            Recording = recording,
        };
    }

    public static byte[] Payload(int index) => Encoding.UTF8.GetBytes("{\"i\":" + index + "}");
}
