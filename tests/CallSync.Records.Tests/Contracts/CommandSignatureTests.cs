using System.Text.Json;
using CallSync.Contracts;

namespace CallSync.Records.Tests.Contracts;

public sealed class CommandSignatureTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static DeviceCommand Command() => new()
    {
        CommandId = "c-1",
        Type = CommandTypes.Dial,
        Args = new CommandArgs { Number = "+4930123" },
        IssuedAt = new DateTimeOffset(2026, 11, 23, 18, 0, 0, 250, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 11, 23, 18, 5, 0, 250, TimeSpan.Zero),
    };

    [Fact]
    public void CanonicalForm_DialCommand_IsSevenLfSeparatedLines()
    {
        Assert.Equal(
            "callsync-command-v1\ndesk-1\nc-1\ndial\n+4930123\n2026-11-23T18:00:00.250Z\n2026-11-23T18:05:00.250Z",
            CommandSignature.CanonicalForm(Command(), "desk-1"));
    }

    [Fact]
    public void Verify_SignedThenSerializedAndParsed_ReturnsTrue()
    {
        DeviceCommand signed = CommandSignature.Sign(Command(), "desk-1", Key);
        string json = JsonSerializer.Serialize(signed, CallSyncJsonContext.Default.DeviceCommand);
        DeviceCommand parsed = JsonSerializer.Deserialize(json, CallSyncJsonContext.Default.DeviceCommand)!;

        Assert.True(CommandSignature.Verify(parsed, "desk-1", Key));
    }

    [Fact]
    public void Verify_TamperedNumberOtherDeviceOrKey_ReturnsFalse()
    {
        DeviceCommand signed = CommandSignature.Sign(Command(), "desk-1", Key);
        byte[] otherKey = (byte[])Key.Clone();
        otherKey[0] ^= 1;

        Assert.False(CommandSignature.Verify(signed with { Args = new CommandArgs { Number = "+4930124" } }, "desk-1", Key));
        Assert.False(CommandSignature.Verify(signed, "desk-2", Key));
        Assert.False(CommandSignature.Verify(signed, "desk-1", otherKey));
        Assert.False(CommandSignature.Verify(signed with { Signature = "not base64!" }, "desk-1", Key));
        Assert.False(CommandSignature.Verify(signed with { Signature = string.Empty }, "desk-1", Key));
    }

    [Fact]
    public void Compute_KnownVector_MatchesIndependentHmac()
    {
        string canonical = CommandSignature.CanonicalForm(Command(), "desk-1");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Key);
        string expected = Convert.ToBase64String(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(canonical)));

        Assert.Equal(expected, CommandSignature.Compute(Command(), "desk-1", Key));
    }
}
