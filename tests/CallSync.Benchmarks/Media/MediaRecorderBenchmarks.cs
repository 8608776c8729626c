using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CallSync.Recording;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Benchmarks.Media;

/// <summary>
/// 60 s of stereo 8 kHz call audio to Ogg Opus: our recorder against opusenc (opus-tools) on the same WAV,
/// both at 32 kbit/s. Real-time factor = 60 s / mean time. Also the per-frame cost of handing a frame to
/// the recorder (the device thread's share), which must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class MediaRecorderBenchmarks
{
    private const int Rate = 8000;
    private const int Frames = 3000;
    private readonly short[] _left = new short[Frames * 160];
    private readonly short[] _right = new short[Frames * 160];
    private string _dir = string.Empty;
    private string _wav = string.Empty;
    private CallRecorder? _steady;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "callsync-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        var random = new Random(1);
        for (int i = 0; i < _left.Length; i++)
        {
            // Speech-like: two tones with a slow envelope plus a little noise.
            double envelope = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 3 * i / Rate));
            _left[i] = (short)((6000 * envelope * Math.Sin(2 * Math.PI * 400 * i / Rate)) + random.Next(-300, 300));
            _right[i] = (short)((6000 * (1 - envelope) * Math.Sin(2 * Math.PI * 1000 * i / Rate)) + random.Next(-300, 300));
        }

        _wav = Path.Combine(_dir, "call.wav");
        WriteWav(_wav);
        _steady = CallRecorder.Start(new RecordingOptions { Directory = _dir, QueueFrames = 4096 }, Meta("steady"), Rate, NullLogger<CallRecorder>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _steady?.AbortAsync().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public long OurRecorder60sStereo8k()
    {
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = _dir, QueueFrames = Frames + 1 }, Meta("bench"), Rate, NullLogger<CallRecorder>.Instance);
        for (int f = 0; f < Frames; f++)
        {
            recorder.OnFrame(_left.AsSpan(f * 160, 160), _right.AsSpan(f * 160, 160));
        }

        return recorder.StopAsync().GetAwaiter().GetResult().Bytes;
    }

    [Benchmark]
    public int Opusenc60sStereo8k()
    {
        var info = new ProcessStartInfo("opusenc") { UseShellExecute = false };
        foreach (string a in new[] { "--quiet", "--bitrate", "32", _wav, Path.Combine(_dir, "opusenc.opus") })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The device thread's cost per 20 ms frame.</summary>
    [Benchmark]
    public void RecorderOnFrame()
    {
        int f = _frame++ % Frames;
        _steady!.OnFrame(_left.AsSpan(f * 160, 160), _right.AsSpan(f * 160, 160));
    }

    private static RecordingMetadata Meta(string id) => new(id, "bench", "1", "2", DateTimeOffset.UnixEpoch);

    private void WriteWav(string path)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        int dataBytes = _left.Length * 4;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)2);
        writer.Write(Rate);
        writer.Write(Rate * 4);
        writer.Write((short)4);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        for (int i = 0; i < _left.Length; i++)
        {
            writer.Write(_left[i]);
            writer.Write(_right[i]);
        }
    }
}
