using System.Security.Cryptography;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Cli;

/// <summary>
/// <c>callsync-companion listen --upload</c>: the real executable receives a recording from a real companion server
/// and uploads it in chunks to a hub that speaks the documented recordings routes.
/// </summary>
public sealed class CompanionCliUploadTests : IDisposable
{
    private const string Token = "dGVzdA.c2lnbmF0dXJl";
    private readonly string _work = Directory.CreateTempSubdirectory("cli-upload-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task ListenUpload_InterruptedEarlier_ResumesAtTheHubsOffsetAndStoresTheVerifiedFile()
    {
        var source = Enumerable.Range(0, 700_000).Select(i => (byte)(i * 37 + (i >> 9))).ToArray();
        await using var fixture = new ServerFixture();
        var (connect, state, inbox) = await PairWithRecordingAsync(fixture, "rec-up", source);
        await using var hub = new FakeRecordingHub("rec-up", source.Length, Convert.ToHexStringLower(SHA256.HashData(source)), Token);
        hub.Preload(source.AsSpan(0, 100_000));
        var tokenFile = Path.Combine(_work, "token");
        File.WriteAllText(tokenFile, Token + "\n");

        var listen = await CompanionCliProcess.RunAsync(null,
            "listen", "--connect", connect, "--state", state, "--out", inbox, "--once", "--upload", hub.Url, "--token-file", tokenFile);

        Assert.True(listen.ExitCode == 0, listen.Output + listen.Error);
        Assert.True(hub.Stored);
        Assert.Equal(source, hub.Received());
        Assert.Equal(
            ["bytes 100000-362143/700000", "bytes 362144-624287/700000", "bytes 624288-699999/700000"],
            hub.Ranges);
        Assert.Equal(0, hub.Unauthorized);
        Assert.Contains("rec-up: uploaded to the hub, SHA-256 verified", listen.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListenUpload_HubRefusesTheHash_ExitCodeOneWithTheHubsReason()
    {
        var source = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 11)).ToArray();
        await using var fixture = new ServerFixture();
        var (connect, state, inbox) = await PairWithRecordingAsync(fixture, "rec-bad", source);
        await using var hub = new FakeRecordingHub("rec-bad", source.Length, new string('0', 64), Token);

        var listen = await CompanionCliProcess.RunAsync(new Dictionary<string, string> { ["CALLSYNC_TOKEN"] = Token },
            "listen", "--connect", connect, "--state", state, "--out", inbox, "--once", "--upload", hub.Url);

        Assert.Equal(1, listen.ExitCode);
        Assert.False(hub.Stored);
        Assert.Contains("rec-bad: upload failed: 422: SHA-256 of the upload is", listen.Output, StringComparison.Ordinal);
        Assert.Equal(source, File.ReadAllBytes(Path.Combine(inbox, "rec-bad.opus")));
    }

    [Fact]
    public async Task ListenUpload_NoToken_ExitCodeTwoBeforeConnecting()
    {
        var result = await CompanionCliProcess.RunAsync(new Dictionary<string, string> { ["CALLSYNC_TOKEN"] = string.Empty },
            "listen", "--connect", "tcp:127.0.0.1:1", "--state", _work, "--out", _work, "--upload", "http://127.0.0.1:1");
        var badUrl = await CompanionCliProcess.RunAsync(new Dictionary<string, string> { ["CALLSYNC_TOKEN"] = Token },
            "listen", "--connect", "tcp:127.0.0.1:1", "--state", _work, "--out", _work, "--upload", "ftp://hub");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("access token", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Contains("--upload must be", badUrl.Error, StringComparison.Ordinal);
    }

    private async Task<(string Connect, string State, string Inbox)> PairWithRecordingAsync(ServerFixture fixture, string recordId, byte[] bytes)
    {
        var file = Path.Combine(_work, recordId + "-source.opus");
        File.WriteAllBytes(file, bytes);
        fixture.Outbox.AddFile(recordId, file, "+49306", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(40));
        var connect = $"tcp:127.0.0.1:{fixture.EndPoint.Port}";
        var state = Path.Combine(_work, "state");
        var pair = await CompanionCliProcess.RunAsync(null, "pair", "--connect", connect, "--user", "user-9", "--yes", "--state", state);
        Assert.True(pair.ExitCode == 0, pair.Output + pair.Error);
        return (connect, state, Path.Combine(_work, "inbox"));
    }
}
