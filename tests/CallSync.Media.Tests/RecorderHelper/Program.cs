using System.Diagnostics;
using System.Globalization;
using CallSync.Recording;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.RecorderHelper;

/// <summary>
/// Records a 400 Hz / 1 kHz stereo call in real time into args[0]/args[1].opus and prints the number of
/// frames handed to the recorder after every tenth frame, until killed (or 60 s pass).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        const int rate = 16000;
        var metadata = new RecordingMetadata(args[1], "crash-call", "201", "202", DateTimeOffset.UtcNow);
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = args[0] }, metadata, rate, NullLogger<CallRecorder>.Instance);
        var left = new short[rate / 50];
        var right = new short[rate / 50];
        var clock = Stopwatch.StartNew();
        for (int frame = 0; frame < 3000; frame++)
        {
            while (clock.Elapsed < TimeSpan.FromMilliseconds(20 * frame))
            {
                Thread.Sleep(1);
            }

            for (int i = 0; i < left.Length; i++)
            {
                long n = ((long)frame * left.Length) + i;
                left[i] = (short)(8000 * Math.Sin(2 * Math.PI * 400 * n / rate));
                right[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * n / rate));
            }

            recorder.OnFrame(left, right);
            if ((frame + 1) % 10 == 0)
            {
                Console.Out.WriteLine((frame + 1).ToString(CultureInfo.InvariantCulture));
                Console.Out.Flush();
            }
        }

        return 0;
    }
}
