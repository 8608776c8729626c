using System.Globalization;
using System.Text.Json.Nodes;
using CallSync.Contracts;
using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Interop.Tests.Storage;

/// <summary>
/// Issue 19, item 2: the agent's data directory on a 3 MiB tmpfs. A full disk is a state: calls go on, their records
/// are true (answered, talk time, the recording flagged missing or cut short), before and after a restart, and
/// recording resumes when space returns.
/// </summary>
[Trait("Category", "Interop")]
[Collection(LoadRunCollection.Name)]
public sealed class DiskFullTests : IDisposable
{
    private const int Calls = 16;
    private const int RtpPorts = 100;
    private const long FloorKilobytes = 512;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly AgentSandbox _setup = new();
    private readonly SmallTmpfs? _mounted;

    public DiskFullTests() => _mounted = SmallTmpfs.WhyNot is null ? SmallTmpfs.Mount(_setup.DataPath, "3m") : null;

    private SmallTmpfs Disk => _mounted ?? throw new InvalidOperationException(SmallTmpfs.WhyNot);

    public void Dispose()
    {
        _mounted?.Dispose();
        _setup.Dispose();
    }

    [TmpfsFact]
    public async Task SmallDisk_16CallsWhileFull_16TrueRecordsBeforeAndAfterRestartThenRecordingResumes()
    {
        var config = WriteConfig();
        var filler = string.Empty;
        using (var agent = AgentProcess.Start("--config", config))
        {
            agent.WaitForLine(AgentProcess.ReadyLine, Patience);

            // 400 KiB left, under the 512 KiB floor: the agent says so and gives its reserve back for the records.
            filler = Disk.Fill(leaveBytes: 400 * 1024);
            agent.WaitForLine("Disk full:", TimeSpan.FromSeconds(20));
            var status = await _setup.ControlAsync("status");
            Assert.Contains("storage: DISK FULL", status.Text, StringComparison.Ordinal);

            using (var uac = StartUac(Calls, holdMilliseconds: 6000, "full"))
            {
                var exit = uac.WaitForExit(Patience);
                var stats = uac.ReadStatistics();
                Assert.True(exit == 0 && stats.Successful == Calls, $"sipp exit {exit}: {stats}\n{uac.Output}\n--- agent ---\n{agent.Describe()}");
            }

            await _setup.WaitForRecordsAsync(Calls, Patience, () => agent.Describe());
            AssertTrueUnrecorded(_setup.ReadRecords(), agent.Describe());

            agent.Terminate();
            Assert.Equal(0, agent.WaitForExit(Patience));
        }

        // Still full after the restart: the same 16 records, none added, none changed (no call turned into "failed").
        var before = _setup.ReadRecords().ToDictionary(r => r.RecordId);
        using (var agent = AgentProcess.Start("--config", config))
        {
            agent.WaitForLine(AgentProcess.ReadyLine, Patience);
            Assert.Contains("storage: DISK FULL", (await _setup.ControlAsync("status")).Text, StringComparison.Ordinal);
            var after = _setup.ReadRecords();
            Assert.Equal(Calls, after.Count);
            foreach (var record in after)
            {
                Assert.Equal(before[record.RecordId].Result, record.Result);
                Assert.Equal(before[record.RecordId].TalkSeconds, record.TalkSeconds);
            }

            // Space returns: the state ends and the next call is recorded again.
            File.Delete(filler);
            agent.WaitForLine("Disk has room again", TimeSpan.FromSeconds(20));
            using (var uac = StartUac(1, holdMilliseconds: 3000, "resumed"))
            {
                Assert.True(uac.WaitForExit(Patience) == 0, uac.Output + "\n--- agent ---\n" + agent.Describe());
            }

            var records = await _setup.WaitForRecordsAsync(Calls + 1, Patience, () => agent.Describe());
            var resumed = _setup.ReadRecords()[^1];
            Assert.Equal(CallResult.Answered, resumed.Result);
            Assert.NotNull(resumed.Recording);
            Assert.False(resumed.Recording.CutShort);
            Assert.DoesNotContain(RecordFlags.NoRecording, resumed.Flags);

            // The first record after a full spell still says the disk was full since the previous one.
            Assert.Contains(RecordFlags.DiskFull, resumed.Flags);
            Assert.Equal(resumed.Recording.Bytes, new FileInfo(_setup.RecordingPath(resumed.RecordId)).Length);
            Assert.Contains("storage: ok", (await _setup.ControlAsync("status")).Text, StringComparison.Ordinal);
            Assert.Equal(Calls + 1, records.Count);
        }
    }

    [TmpfsFact]
    public async Task SmallDisk_FillsDuringCall_RecordingClosedTruncatedAndValidCallGoesOn()
    {
        var config = WriteConfig();
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);

        using var uac = StartUac(1, holdMilliseconds: 8000, "mid-call");
        await Eventually.UntilAsync(
            () => Directory.EnumerateFiles(_setup.RecordingsDirectory, "*.opus").Any(f => new FileInfo(f).Length > 4096),
            Patience,
            () => "a recording with audio in it\n" + agent.Describe());

        // Every byte taken mid-call: the recorder's next page fails.
        Disk.Fill(leaveBytes: 0);
        Assert.True(uac.WaitForExit(Patience) == 0, uac.Output + "\n--- agent ---\n" + agent.Describe());

        await _setup.WaitForRecordsAsync(1, Patience, () => agent.Describe());
        var record = Assert.Single(_setup.ReadRecords());
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.InRange(record.TalkSeconds, 7.5, 9.5);
        Assert.Contains(RecordFlags.RecordingCutShort, record.Flags);
        Assert.Contains(RecordFlags.DiskFull, record.Flags);
        Assert.NotNull(record.Recording);
        Assert.True(record.Recording.CutShort);
        Assert.True(record.Recording.Seconds < record.TalkSeconds - 1, $"recording {record.Recording.Seconds} s of a {record.TalkSeconds} s call");

        // The file holds whole pages only: opusinfo reads it to the end (as after a crash, it has no end-of-stream page).
        var path = _setup.RecordingPath(record.RecordId);
        Assert.Equal(record.Recording.Bytes, new FileInfo(path).Length);
        var info = OpusInfo.Of(path);
        Assert.Equal(2, info.Channels);
        Assert.All(info.Problems, p => Assert.Contains("EOS not set", p, StringComparison.Ordinal));
        Assert.InRange(info.Length.TotalSeconds, 0.5, record.Recording.Seconds + 0.1);
        Assert.False(agent.HasExited, agent.Output);
    }

    private static void AssertTrueUnrecorded(IReadOnlyList<CallRecord> records, string context)
    {
        Assert.True(records.Count == Calls, context);
        foreach (var record in records)
        {
            // sipp holds each call 6 s after the answer: the talk time is that, not 0, and the result is the answer.
            Assert.Equal(CallResult.Answered, record.Result);
            Assert.InRange(record.TalkSeconds, 5.5, 7.5);
            Assert.Null(record.Recording);
            Assert.Contains(RecordFlags.NoRecording, record.Flags);
            Assert.Contains(RecordFlags.DiskFull, record.Flags);
        }
    }

    private string WriteConfig()
    {
        var rtpMin = FreePort.UdpRange(RtpPorts);
        return _setup.WriteConfig(json =>
        {
            json["Sip"]!["MaxCalls"] = Calls;
            json["Rtp"] = new JsonObject { ["PortMin"] = rtpMin, ["PortMax"] = rtpMin + RtpPorts - 1 };
            json["Storage"] = new JsonObject
            {
                ["MinFreeKilobytes"] = FloorKilobytes,
                ["ReserveKilobytes"] = 256,
                ["CheckInterval"] = "1s",
            };
        });
    }

    private SippProcess StartUac(int calls, int holdMilliseconds, string name) => SippProcess.Start(new SippOptions
    {
        WorkingDirectory = Directory.CreateDirectory(_setup.File(name)).FullName,
        Scenario = "uac",
        Target = $"127.0.0.1:{_setup.SipPort}",
        Calls = calls,
        TraceStatistics = true,
        Arguments = ["-s", "1001", "-rtp_echo", "-r", "4", "-d", holdMilliseconds.ToString(CultureInfo.InvariantCulture), "-timeout", "80"],
    });
}
