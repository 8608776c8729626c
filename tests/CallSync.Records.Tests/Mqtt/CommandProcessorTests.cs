using System.Text;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Records.Tests.Mqtt;

public sealed class CommandProcessorTests : IAsyncLifetime
{
    internal static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
    private readonly FakeTransport _replies = new();
    private readonly FakeDialer _dialer = new();
    private readonly ListLogger<CommandProcessor> _logger = new();
    private readonly MqttLinkOptions _options = new() { ProvisioningKey = Convert.ToBase64String(Key) };
    private RecordsDatabase _db = null!;
    private CommandProcessor _processor = null!;

    public Task InitializeAsync()
    {
        _db = RecordsDatabase.OpenInDirectory(_dir.Path);
        _processor = CreateProcessor();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _processor.DisposeAsync();
        _db.Dispose();
        _dir.Dispose();
    }

    private CommandProcessor CreateProcessor() => new(
        TestRecords.Device, _options, new CommandLedger(_db, _time), _dialer, _replies,
        () => new DeviceStatus { Activity = _dialer.Activity, Boot = 7, PendingRecords = 2 }, _time, _logger);

    internal static DeviceCommand Command(string id, string type = CommandTypes.Dial, string? number = "+49 30 1234", DateTimeOffset? issued = null, TimeSpan? validFor = null)
    {
        DateTimeOffset at = issued ?? new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
        return new DeviceCommand
        {
            CommandId = id,
            Type = type,
            Args = number is null ? null : new CommandArgs { Number = number },
            IssuedAt = at,
            ExpiresAt = at + (validFor ?? TimeSpan.FromMinutes(5)),
        };
    }

    internal static byte[] Signed(DeviceCommand command, string deviceId = "desk-test", byte[]? key = null) =>
        JsonSerializer.SerializeToUtf8Bytes(CommandSignature.Sign(command, deviceId, key ?? Key), CallSyncJsonContext.Default.DeviceCommand);

    private List<CommandReply> Replies() => _replies.Published
        .Select(p => JsonSerializer.Deserialize(p.Payload, CallSyncJsonContext.Default.CommandReply)!)
        .ToList();

    private async Task<CommandReply> SingleReplyAsync(byte[] payload)
    {
        await _processor.HandleAsync(payload, CancellationToken.None);
        await _processor.WhenIdleAsync();
        CommandReply reply = Assert.Single(Replies());
        Assert.All(_replies.Published, p => Assert.Equal("callsync/v1/devices/desk-test/replies", p.Topic));
        return reply;
    }

    [Fact]
    public async Task HandleAsync_ValidDial_DialsOnceAndRepliesAcceptedThenSucceededWithRecordId()
    {
        await _processor.HandleAsync(Signed(Command("c-1")), CancellationToken.None);
        await _processor.WhenIdleAsync();

        List<CommandReply> replies = Replies();
        Assert.Equal(new[] { ReplyStatus.Accepted, ReplyStatus.Succeeded }, replies.Select(r => r.Status));
        Assert.All(replies, r => Assert.Equal("c-1", r.CommandId));
        Assert.Equal(_dialer.RecordId, replies[1].RecordId);
        Assert.Equal(CallResult.Answered, replies[1].Result);
        Assert.Equal(1, _dialer.Dials);
        Assert.Equal("+49301234", _dialer.LastNumber);
        Assert.Equal(new CallOrigin { Kind = OriginKind.Remote, CommandId = "c-1" }, _dialer.LastOrigin);
    }

    [Fact]
    public async Task HandleAsync_ValidDial_EveryReplySignedWithTheProvisioningKey()
    {
        await _processor.HandleAsync(Signed(Command("c-1")), CancellationToken.None);
        await _processor.HandleAsync(Signed(Command("c-2"), key: new byte[32]), CancellationToken.None); // rejected: bad-signature
        await _processor.WhenIdleAsync();

        List<CommandReply> replies = Replies();
        Assert.Equal(3, replies.Count);
        Assert.All(replies, r => Assert.True(ReplySignature.Verify(r, Key), r.Status + " reply not signed"));
        Assert.All(replies, r => Assert.False(ReplySignature.Verify(r, new byte[32])));
    }

    [Fact]
    public async Task HandleAsync_CredentialsReplacedAfterEnrollment_NewKeyVerifiesAndSigns()
    {
        byte[] newKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 3)).ToArray();
        var credentials = new DeviceCredentials(null, Key);
        await using var processor = new CommandProcessor(TestRecords.Device, _options, credentials, new CommandLedger(_db, _time), _dialer, _replies,
            () => new DeviceStatus { Activity = _dialer.Activity }, _time, _logger);

        credentials.Replace(new BrokerCredential("mqtt://127.0.0.1:1883", "desk-test", "pw"), newKey);
        await processor.HandleAsync(Signed(Command("old-key")), CancellationToken.None);
        await processor.HandleAsync(Signed(Command("s-1", CommandTypes.Status, number: null), key: newKey), CancellationToken.None);
        await processor.WhenIdleAsync();

        List<CommandReply> replies = Replies();
        Assert.Equal((ReplyStatus.Rejected, RejectReasons.BadSignature), (replies[0].Status, replies[0].Reason));
        Assert.Equal(ReplyStatus.Succeeded, replies[1].Status);
        Assert.All(replies, r => Assert.True(ReplySignature.Verify(r, newKey)));
    }

    [Fact]
    public async Task DisposeAsync_Twice_SecondIsANoOp()
    {
        // The agent stops it before the MQTT link, and its container disposes it again at exit.
        await _processor.DisposeAsync();
        Assert.Null(await Record.ExceptionAsync(() => _processor.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task HandleAsync_ReplayedDial_SendsFirstFinalReplyAgainWithoutDialling()
    {
        byte[] payload = Signed(Command("c-1"));
        await _processor.HandleAsync(payload, CancellationToken.None);
        await _processor.WhenIdleAsync();
        byte[] firstFinal = _replies.Published.Last().Payload;

        _time.Advance(TimeSpan.FromHours(2)); // expired by now: the replay still gets the first reply
        await _processor.HandleAsync(payload, CancellationToken.None);
        await _processor.WhenIdleAsync();

        Assert.Equal(1, _dialer.Dials);
        Assert.Equal(3, _replies.Published.Count);
        Assert.Equal(firstFinal, _replies.Published.Last().Payload);
    }

    [Fact]
    public async Task HandleAsync_ReplayAfterRestart_IsNotDialledAgain()
    {
        byte[] payload = Signed(Command("c-9"));
        await _processor.HandleAsync(payload, CancellationToken.None);
        await _processor.WhenIdleAsync();
        await _processor.DisposeAsync();
        _db.Dispose();

        _db = RecordsDatabase.OpenInDirectory(_dir.Path);
        _processor = CreateProcessor();
        await _processor.HandleAsync(payload, CancellationToken.None);

        Assert.Equal(1, _dialer.Dials);
        Assert.Equal(ReplyStatus.Succeeded, Replies().Last().Status);
    }

    [Fact]
    public async Task RecoverAsync_DialRunningAtRestart_RepliesFailedInterruptedAndNeverRedials()
    {
        _dialer.Hold = new TaskCompletionSource();
        byte[] payload = Signed(Command("c-2"));
        await _processor.HandleAsync(payload, CancellationToken.None);
        await _processor.DisposeAsync(); // cancels the held dial: as if the agent stopped mid-call
        _db.Dispose();

        _db = RecordsDatabase.OpenInDirectory(_dir.Path);
        _processor = CreateProcessor();
        await _processor.RecoverAsync(CancellationToken.None);
        await _processor.HandleAsync(payload, CancellationToken.None);

        List<CommandReply> replies = Replies();
        Assert.Equal(new[] { ReplyStatus.Accepted, ReplyStatus.Failed, ReplyStatus.Failed }, replies.Select(r => r.Status));
        Assert.Equal(FailReasons.Interrupted, replies[1].Reason);
        Assert.Equal(1, _dialer.Dials);
    }

    [Fact]
    public async Task HandleAsync_BadSignature_RejectsBadSignature()
    {
        byte[] otherKey = (byte[])Key.Clone();
        otherKey[5] ^= 0x40;
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-3"), key: otherKey));
        Assert.Equal(ReplyStatus.Rejected, reply.Status);
        Assert.Equal(RejectReasons.BadSignature, reply.Reason);
        Assert.Equal("c-3", reply.CommandId);
        Assert.Equal(0, _dialer.Dials);
        Assert.Equal(1, _logger.Count(5100));
    }

    [Fact]
    public async Task HandleAsync_SignedForAnotherDevice_RejectsBadSignature()
    {
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-3"), deviceId: "desk-other"));
        Assert.Equal(RejectReasons.BadSignature, reply.Reason);
    }

    [Fact]
    public async Task HandleAsync_TamperedNumberAfterSigning_RejectsBadSignature()
    {
        DeviceCommand signed = CommandSignature.Sign(Command("c-4"), "desk-test", Key);
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(signed with { Args = new CommandArgs { Number = "+1900555" } }, CallSyncJsonContext.Default.DeviceCommand);
        CommandReply reply = await SingleReplyAsync(payload);
        Assert.Equal(RejectReasons.BadSignature, reply.Reason);
        Assert.Equal(0, _dialer.Dials);
    }

    [Fact]
    public async Task HandleAsync_Expired_RejectsExpired()
    {
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-5", issued: _time.GetUtcNow().AddMinutes(-10), validFor: TimeSpan.FromMinutes(5))));
        Assert.Equal(RejectReasons.Expired, reply.Reason);
    }

    [Fact]
    public async Task HandleAsync_ExpiredWithinSkew_IsAccepted()
    {
        await _processor.HandleAsync(Signed(Command("c-5", issued: _time.GetUtcNow().AddMinutes(-5).AddSeconds(-20), validFor: TimeSpan.FromMinutes(5))), CancellationToken.None);
        await _processor.WhenIdleAsync();
        Assert.Equal(1, _dialer.Dials);
    }

    [Fact]
    public async Task HandleAsync_IssuedInTheFuture_RejectsNotYetValid()
    {
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-6", issued: _time.GetUtcNow().AddMinutes(2))));
        Assert.Equal(RejectReasons.NotYetValid, reply.Reason);
    }

    [Fact]
    public async Task HandleAsync_ValidityLongerThanReplayWindow_RejectsBadValidity()
    {
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-7", validFor: TimeSpan.FromHours(25))));
        Assert.Equal(RejectReasons.BadValidity, reply.Reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("*21#")]
    [InlineData("123456789012345678901")]
    [InlineData(null)]
    public async Task HandleAsync_MalformedNumber_RejectsBadNumber(string? number)
    {
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-8", number: number)));
        Assert.Equal(RejectReasons.BadNumber, reply.Reason);
        Assert.Equal(0, _dialer.Dials);
    }

    [Fact]
    public async Task HandleAsync_UnknownType_RejectsUnknownType()
    {
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-10", type: "reboot")));
        Assert.Equal(RejectReasons.UnknownType, reply.Reason);
    }

    [Fact]
    public async Task HandleAsync_PayloadOver16KiB_RejectsTooLarge()
    {
        DeviceCommand big = Command("c-11") with { Args = new CommandArgs { Number = new string('1', 17_000) } };
        CommandReply reply = await SingleReplyAsync(Signed(big));
        Assert.Equal(RejectReasons.TooLarge, reply.Reason);
        Assert.Null(reply.CommandId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"commandId\":\"c-12\",\"type\":\"dial\"}")]
    [InlineData("{\"commandId\":\"c-12\",\"type\":\"dial\",\"issuedAt\":\"yesterday\",\"signature\":\"x\"}")]
    [InlineData("")]
    public async Task HandleAsync_Malformed_RejectsMalformedWithoutThrowing(string json)
    {
        CommandReply reply = await SingleReplyAsync(Encoding.UTF8.GetBytes(json));
        Assert.Equal(ReplyStatus.Rejected, reply.Status);
        Assert.Equal(RejectReasons.Malformed, reply.Reason);
    }

    [Fact]
    public async Task HandleAsync_DialWhileInCall_RejectsBusy()
    {
        _dialer.Activity = DeviceActivity.InCall;
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-13")));
        Assert.Equal(RejectReasons.Busy, reply.Reason);
        Assert.Equal(0, _dialer.Dials);
    }

    [Fact]
    public async Task HandleAsync_SecondDialWhileFirstRuns_RejectsBusy()
    {
        _dialer.Hold = new TaskCompletionSource();
        await _processor.HandleAsync(Signed(Command("c-14")), CancellationToken.None);
        await _processor.HandleAsync(Signed(Command("c-15")), CancellationToken.None);
        _dialer.Hold.SetResult();
        await _processor.WhenIdleAsync();

        List<CommandReply> replies = Replies();
        CommandReply busy = Assert.Single(replies, r => r.CommandId == "c-15");
        Assert.Equal(RejectReasons.Busy, busy.Reason);
        Assert.Equal(1, _dialer.Dials);
    }

    [Fact]
    public async Task HandleAsync_DialerSaysBusy_FinalReplyRejectedBusy()
    {
        _dialer.Outcome = DialCommandOutcome.Busy();
        await _processor.HandleAsync(Signed(Command("c-16")), CancellationToken.None);
        await _processor.WhenIdleAsync();
        CommandReply final = Replies().Last();
        Assert.Equal(ReplyStatus.Rejected, final.Status);
        Assert.Equal(RejectReasons.Busy, final.Reason);
    }

    [Fact]
    public async Task HandleAsync_Status_SucceedsWithDeviceStatus()
    {
        CommandReply reply = await SingleReplyAsync(Signed(Command("c-17", type: CommandTypes.Status, number: null)));
        Assert.Equal(ReplyStatus.Succeeded, reply.Status);
        Assert.Equal(DeviceActivity.Idle, reply.Device!.Activity);
        Assert.Equal(7, reply.Device.Boot);
    }

    [Fact]
    public async Task HandleAsync_HangupWithoutCall_FailsNoActiveCall()
    {
        _dialer.HangupResult = false;
        await _processor.HandleAsync(Signed(Command("c-18", type: CommandTypes.Hangup, number: null)), CancellationToken.None);
        await _processor.WhenIdleAsync();
        CommandReply final = Replies().Last();
        Assert.Equal(ReplyStatus.Failed, final.Status);
        Assert.Equal(FailReasons.NoActiveCall, final.Reason);
    }

    [Fact]
    public async Task HandleAsync_NoProvisioningKey_RejectsEverythingAsBadSignature()
    {
        _options.ProvisioningKey = null;
        await using CommandProcessor processor = CreateProcessor();
        await processor.HandleAsync(Signed(Command("c-19")), CancellationToken.None);
        CommandReply reply = Assert.Single(Replies());
        Assert.Equal(RejectReasons.BadSignature, reply.Reason);
        Assert.Equal(0, _dialer.Dials);
    }
}
