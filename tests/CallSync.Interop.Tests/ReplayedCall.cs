using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Rtp;

namespace CallSync.Interop.Tests;

/// <summary>
/// One call to a fresh auto-answering agent from sipp's uac (a scenario written by the test) that offers the given
/// SDP and replays a built stream once answered, then hangs up: the call's record and its decoded recording.
/// sipp and the agent both run at a real-time priority: these calls prove how streams are handled, and on a shared
/// 2-core machine the neighbours' builds would otherwise put holes into the audio (calls under load are
/// <see cref="LoadedCallsTests"/>).
/// </summary>
internal sealed class ReplayedCall
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ReplayedCall(RtpStream stream, JsonObject record, DecodedRecording recording, string context)
    {
        Stream = stream;
        Record = record;
        Recording = recording;
        Context = context;
    }

    public RtpStream Stream { get; }

    public JsonObject Record { get; }

    public DecodedRecording Recording { get; }

    /// <summary>The agent's and sipp's output, for failure messages.</summary>
    public string Context { get; }

    /// <param name="mediaAddress">sipp's media address: "::1" makes the offer's c= line IPv6.</param>
    /// <param name="config">Changes to the agent's configuration.</param>
    public static async Task<ReplayedCall> RunAsync(
        AgentSandbox sandbox, RtpStream stream, SdpOffer offer, string mediaAddress = "127.0.0.1", Action<JsonObject>? config = null)
    {
        using var agent = AgentProcess.Start(["--config", sandbox.WriteConfig(config)], environment: null, realTime: true);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);

        var address = IPAddress.Parse(mediaAddress);
        var pcap = sandbox.File("stream.pcap");
        PcapWriter.Write(pcap, stream, Endpoint(address, 1), Endpoint(address, 2));
        var scenario = sandbox.File("uac.xml");
        File.WriteAllText(scenario, SippScenario.Uac(offer, pcap, stream.Duration + TimeSpan.FromSeconds(1)));
        using var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = Directory.CreateDirectory(sandbox.File("sipp")).FullName,
            ScenarioFile = scenario,
            Target = $"127.0.0.1:{sandbox.SipPort}",
            MediaAddress = mediaAddress,
            MediaPort = FreePort.UdpRange(4, address),
            TraceMessages = true,
            RealTime = true,
            Arguments = ["-s", "1001", "-timeout", "60"],
        });

        var exit = await sipp.WaitForExitAsync(stream.Duration + Patience);
        string Context() => $"{sipp.Describe()}\n--- SIP messages ---\n{Tail(sipp.ReadMessages(), 80)}\n--- agent ---\n{agent.Describe(60)}";
        if (exit != 0)
        {
            throw new InvalidOperationException($"sipp's call failed (exit {exit}): the agent did not answer and hang up as a peer expects\n{Context()}");
        }

        var record = (await sandbox.WaitForRecordsAsync(1, TimeSpan.FromSeconds(30), Context)).Single();
        var recordingPath = sandbox.RecordingPath(RecordFields.RecordingId(record));
        return File.Exists(recordingPath)
            ? new ReplayedCall(stream, record, DecodedRecording.Decode(recordingPath), Context())
            : throw new InvalidOperationException($"the record names recording {recordingPath}, which is not there\n{record.ToJsonString()}\n{Context()}");
    }

    /// <summary>Asserts that the stream's tone is in the recording's right channel for at least <paramref name="share"/> of the time it was sent, at its frequency.</summary>
    public void AssertToneRecorded(double frequency, double share = 0.95)
    {
        var track = Recording.Track(DecodedRecording.Right, frequency);
        var sent = Stream.Tones.Where(t => t.Frequency == frequency).ToList();
        var offset = track.Align(sent, TimeSpan.FromSeconds(3));
        var found = track.ShareOf(sent, offset);
        var longest = sent.MaxBy(t => t.Duration);
        var dominant = FrequencyAround(longest.Start + offset + (longest.Duration / 2));
        var holes = sent.SelectMany(t => track.Holes(t.Start + offset, t.End + offset)).Take(10)
            .Select(h => $"{RecordFields.Seconds(h.Length.TotalSeconds)} at {RecordFields.Seconds(h.Start.TotalSeconds)}");
        Assert.True(
            found >= share,
            $"the right channel holds the {frequency} Hz tone for {found:P0} of the {RecordFields.Seconds(Stream.ToneTime.TotalSeconds)} sent "
            + $"(wanted {share:P0}; stream aligned at +{RecordFields.Seconds(offset.TotalSeconds)} in a {RecordFields.Seconds(Recording.Audio.Duration.TotalSeconds)} recording; "
            + $"strongest frequency mid-tone {dominant} Hz; holes: {string.Join(", ", holes)})\n{Record.ToJsonString()}\n{Context}");
        Assert.True(Math.Abs(dominant - frequency) <= 20, $"mid-tone the recording's strongest frequency is {dominant} Hz, not {frequency} Hz\n{Context}");
    }

    /// <summary>Asserts the record reports no loss.</summary>
    public void AssertNoLossReported()
    {
        var loss = RecordFields.LossPercent(Record);
        Assert.True(loss == 0, $"the record reports {loss} % loss for a stream that lost nothing: {RecordFields.Quality(Record).ToJsonString()}\n{Context}");
    }

    /// <summary>The strongest frequency in the 200 ms of the right channel around <paramref name="time"/> (0 when the recording is shorter).</summary>
    private double FrequencyAround(TimeSpan time)
    {
        var right = Recording.Audio.Channel(DecodedRecording.Right);
        var length = Recording.Audio.SampleRate / 5;
        var start = (int)((time.TotalSeconds - 0.1) * Recording.Audio.SampleRate);
        return start < 0 || start + length > right.Length ? 0 : Spectrum.DominantFrequency(right.AsSpan(start, length), Recording.Audio.SampleRate, highest: 8000);
    }

    private static IPEndPoint Endpoint(IPAddress family, byte host) => family.AddressFamily == AddressFamily.InterNetworkV6
        ? new IPEndPoint(new IPAddress([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, host]), 6000)
        : new IPEndPoint(new IPAddress([10, 0, 0, host]), 6000);

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
