using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CallSync.Agent.Tests;

/// <summary>
/// The agent on Board:Kind = linux with no sound card: alsa-lib's file plugin plays a 400 Hz tone into the
/// microphone and records the speaker into a file, the system clock paces the frames, and sipp's uac calls in with
/// RTP echo. The tone must travel mic -> RTP -> sipp -> RTP -> speaker file.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class LinuxBoardCallTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-linux-call-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SippCall_LinuxBoardOnAlsaFilePlugin_EchoedToneReachesTheSpeaker()
    {
        const int rate = 8000;
        var tone = new short[rate * 30];
        for (int i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * 400 * i / rate));
        }

        var tonePath = Path.Combine(_dir, "tone.raw");
        var speakerPath = Path.Combine(_dir, "speaker.raw");
        File.WriteAllBytes(tonePath, MemoryMarshal.AsBytes(tone.AsSpan()).ToArray());
        File.WriteAllText(Path.Combine(_dir, ".asoundrc"), $$"""
            pcm.callsync_mic { type file slave.pcm "null" file "/dev/null" infile "{{tonePath}}" format "raw" }
            pcm.callsync_speaker { type file slave.pcm "null" file "{{speakerPath}}" format "raw" }
            """);
        var rtp = 30000 + (Random.Shared.Next(0, 4000) * 2);
        var sipPort = FreeUdpPort(1).ToString(CultureInfo.InvariantCulture);
        var config = JsonNode.Parse($$"""
            { "Device": { "Id": "desk-0001", "Number": "1001", "DataDir": "{{Path.Combine(_dir, "data")}}" },
              "Board": { "Kind": "linux", "AlsaCapture": "callsync_mic", "AlsaPlayback": "callsync_speaker", "AudioClock": "system",
                         "Display": "{{Path.Combine(_dir, "display.txt")}}" },
              "Sip": { "Listen": ["udp:127.0.0.1:{{sipPort}}"], "AutoAnswer": "on", "Codecs": ["PCMU"] },
              "Rtp": { "PortMin": {{rtp}}, "PortMax": {{rtp + 99}} },
              "Recording": { "Enabled": false } }
            """)!;
        var configPath = Path.Combine(_dir, "agent.json");
        File.WriteAllText(configPath, config.ToJsonString());

        using var agent = Child.Start(_dir, "dotnet", Path.Combine(AppContext.BaseDirectory, "callsync-agent.dll"), "--config", configPath);
        Assert.True(agent.WaitForLine("Ready.", Patience) is not null, agent.Output);

        using (var sipp = Child.Start(_dir, "sipp", "-sn", "uac", $"127.0.0.1:{sipPort}", "-s", "1001", "-i", "127.0.0.1",
            "-p", FreeUdpPort(1).ToString(CultureInfo.InvariantCulture), "-mp", FreeUdpPort(4).ToString(CultureInfo.InvariantCulture),
            "-m", "1", "-d", "3000", "-rtp_echo", "-nostdin", "-timeout", "60"))
        {
            Assert.True(sipp.WaitForExit(TimeSpan.FromSeconds(90)) == 0, sipp.Output + "\n--- agent ---\n" + agent.Output);
        }

        var stopped = agent.WaitForLine("ALSA audio stopped after", Patience);
        Assert.True(stopped is not null, agent.Output);
        var frames = int.Parse(Stopped().Match(stopped).Groups[1].Value, CultureInfo.InvariantCulture);
        // About 150 frames for the 3 s call, paced by the clock, not the (unpaced) file plugin's thousands.
        Assert.InRange(frames, 100, 400);
        Assert.Contains("0 capture overruns", stopped, StringComparison.Ordinal);

        var speaker = MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(speakerPath)).ToArray();
        Assert.True(speaker.Length >= rate * 2, $"only {speaker.Length} samples reached the speaker");
        var middle = speaker.AsSpan(speaker.Length / 4, speaker.Length / 2);
        Assert.True(Power(middle, 400, rate) > 100 * Power(middle, 1000, rate), "the echoed 400 Hz tone is not in the speaker's file");
    }

    private static double Power(ReadOnlySpan<short> samples, double hz, int rate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * hz / rate);
        double s1 = 0, s2 = 0;
        foreach (var sample in samples)
        {
            var s0 = sample + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
    }

    // A base port with `count` free UDP ports above it (even, for RTP).
    private static int FreeUdpPort(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = 40000 + (Random.Shared.Next(0, 10000) & ~1);
            var held = new List<Socket>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    held.Add(udp);
                    udp.Bind(new IPEndPoint(IPAddress.Loopback, start + i));
                }

                return start;
            }
            catch (SocketException)
            {
                // taken; try another
            }
            finally
            {
                held.ForEach(s => s.Dispose());
            }
        }

        throw new InvalidOperationException("no free UDP ports");
    }

    [GeneratedRegex(@"stopped after (\d+) frames")]
    private static partial Regex Stopped();

    /// <summary>A child process with HOME set to the test's directory (where alsa-lib finds .asoundrc), output collected by line.</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = [];
        private readonly ConcurrentQueue<string> _all = new();

        private Child(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Collect(e.Data);
            _process.ErrorDataReceived += (_, e) => Collect(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output => string.Join('\n', _all);

        public static Child Start(string home, string program, params string[] args)
        {
            var info = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = home,
            };
            info.Environment["HOME"] = home;
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            return new Child(Process.Start(info)!);
        }

        public string? WaitForLine(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var left = deadline - DateTime.UtcNow;
                if (!_lines.TryTake(out var line, left > TimeSpan.Zero ? left : TimeSpan.Zero))
                {
                    return null;
                }

                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            return null;
        }

        public int WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                _process.Kill(entireProcessTree: true);
                return -1;
            }

            _process.WaitForExit();
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
            _lines.Dispose();
        }

        private void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            _all.Enqueue(line);
            _lines.Add(line);
        }
    }
}
