using System.Diagnostics;
using CallSync.Companion.Client;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Server;

/// <summary>Timing-sensitive: runs alone (no other test class in parallel) so the 2-core CI load does not skew it.</summary>
[CollectionDefinition("Timing", DisableParallelization = true)]
public sealed class TimingCollection;

[Collection("Timing")]
public sealed class ThrottledDeliveryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("paced-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string RandomFile(string name, int size, int seed)
    {
        byte[] content = new byte[size];
        new Random(seed).NextBytes(content);
        string path = Path.Combine(_work, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task Deliver_ThrottledLink100KBps_GoodputAtLeast90Percent()
    {
        await using var fixture = new ServerFixture();
        const int rate = 100_000;
        const int size = 1_000_000;
        string source = RandomFile("paced.opus", size, 4);
        fixture.Outbox.AddFile("rec-paced", source, "+49304", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5));
        var credentials = await fixture.PairAsync();
        await using var proxy = new TcpProxy(fixture.EndPoint, downstreamBytesPerSecond: rate);
        using var folder = new RecordingFolder(Path.Combine(_work, "in"));
        var clock = new Stopwatch();
        TimeSpan elapsed = TimeSpan.Zero;
        folder.Progress += (_, e) =>
        {
            if (!clock.IsRunning)
            {
                clock.Start();
            }

            if (e.Completed)
            {
                elapsed = clock.Elapsed;
            }
        };

        await using var client = await fixture.AuthenticatedAsync(credentials, folder, proxy);
        await client.WaitForQueueEmptyAsync(ServerFixture.Timeout(60));

        double goodput = size / elapsed.TotalSeconds;
        Assert.True(goodput >= 0.9 * rate, $"goodput {goodput:0} B/s over {elapsed.TotalSeconds:0.00} s is below 90 % of {rate} B/s");
        Assert.True(goodput <= 1.1 * rate, $"goodput {goodput:0} B/s: the proxy did not throttle");
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(folder.DirectoryPath, "rec-paced.opus")));
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "companion-goodput.txt"), $"{goodput:0} B/s of {rate} B/s ({goodput / rate:P1}) in {elapsed.TotalSeconds:0.00} s\n");
    }
}
