using System.Diagnostics;
using System.Net.Sockets;
using CallSync.Companion.Client;
using CallSync.Companion.Protocol;
using CallSync.Companion.Server;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Server;

public sealed class DeliveryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("delivery-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string RandomFile(string name, int size, int seed)
    {
        byte[] content = new byte[size];
        new Random(seed).NextBytes(content);
        string path = Path.Combine(_work, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Deliver_PendingOnConnect_ArrivesVerifiedAndMarkedDelivered(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        string source = RandomFile("a.opus", 100_000, 1);
        fixture.Outbox.AddFile("rec-a", source, "+49301", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(30));
        var credentials = await fixture.PairAsync();
        using var folder = new RecordingFolder(Path.Combine(_work, "in"));

        await using var client = await fixture.AuthenticatedAsync(credentials, folder);
        uint delivered = await client.WaitForQueueEmptyAsync(ServerFixture.Timeout());

        Assert.Equal(1U, delivered);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(folder.DirectoryPath, "rec-a.opus")));
        Assert.Contains("+49301", File.ReadAllText(Path.Combine(folder.DirectoryPath, "rec-a.json")), StringComparison.Ordinal);
        Assert.Equal([("rec-a", credentials.CompanionId)], fixture.Outbox.Deliveries);
    }

    [Fact]
    public async Task Deliver_SeveralPendingOnConnect_NewestCallFirst()
    {
        await using var fixture = new ServerFixture();
        var morning = DateTimeOffset.Parse("2026-11-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        fixture.Outbox.AddFile("rec-old", RandomFile("old.opus", 40_000, 6), "+49308", morning, TimeSpan.FromMinutes(1));
        fixture.Outbox.AddFile("rec-new", RandomFile("new.opus", 40_000, 7), "+49309", morning.AddHours(8), TimeSpan.FromMinutes(1));
        fixture.Outbox.AddFile("rec-mid", RandomFile("mid.opus", 40_000, 8), "+49310", morning.AddHours(2), TimeSpan.FromMinutes(1));
        var credentials = await fixture.PairAsync();
        using var folder = new RecordingFolder(Path.Combine(_work, "in"));

        await using var client = await fixture.AuthenticatedAsync(credentials, folder);

        Assert.Equal(3U, await client.WaitForQueueEmptyAsync(ServerFixture.Timeout()));
        Assert.Equal(["rec-new", "rec-mid", "rec-old"], folder.Received);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task NotifyRecordingReady_ConnectedCompanion_ReceivesNewRecording(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        var credentials = await fixture.PairAsync();
        using var folder = new RecordingFolder(Path.Combine(_work, "in"));
        await using var client = await fixture.AuthenticatedAsync(credentials, folder);
        Assert.Equal(0U, await client.WaitForQueueEmptyAsync(ServerFixture.Timeout()));
        string source = RandomFile("b.opus", 70_000, 2);
        fixture.Outbox.AddFile("rec-b", source, "+49302", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(9));

        fixture.Server.NotifyRecordingReady("rec-b");

        Assert.Equal(1U, await client.WaitForQueueEmptyAsync(ServerFixture.Timeout()));
        Assert.Equal(["rec-b"], folder.Received);
        Assert.Single(fixture.Outbox.Deliveries);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Deliver_TenMinuteRecordingAcrossTenDrops_ArrivesOnceByteIdenticalDeliveredOnce(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        const int size = 1_800_000;
        string source = RandomFile("long.opus", size, 3);
        fixture.Outbox.AddFile("rec-long", source, "+49303", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(10));
        var credentials = await fixture.PairAsync();
        var random = new Random(20261123);
        long[] cuts = Enumerable.Range(0, 10).Select(_ => (long)random.Next(20_000, 160_000)).ToArray();
        await using var proxy = fixture.CreateCuttingLink(i => i < cuts.Length ? cuts[i] : null);
        using var folder = new RecordingFolder(Path.Combine(_work, "in"));
        var offers = new List<long>();
        RecordingProgressEventArgs? last = null;
        folder.Progress += (_, e) =>
        {
            if (e.Chunks == 0 && !e.Completed)
            {
                offers.Add(e.ResumedFrom);
            }

            last = e;
        };
        int sessions = 0;
        bool done = false;

        while (!done && sessions < 20)
        {
            sessions++;
            try
            {
                await using var client = await fixture.AuthenticatedAsync(credentials, folder, proxy);
                await client.WaitForQueueEmptyAsync(ServerFixture.Timeout());
                done = true;
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or SocketException or CompanionProtocolException)
            {
                // The proxy cut the link: reconnect and resume.
            }
        }

        Assert.True(done);
        Assert.Equal(10, proxy.Cuts);
        Assert.Equal(11, sessions);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(folder.DirectoryPath, "rec-long.opus")));
        Assert.Equal(["rec-long"], folder.Received);
        Assert.Equal([("rec-long", credentials.CompanionId)], fixture.Outbox.Deliveries);
        Assert.False(File.Exists(Path.Combine(folder.DirectoryPath, "rec-long.opus.part")));

        // Progress: one offer per session, each resuming where the last link left the part file; the final transfer
        // counts its own chunks from there.
        int chunkSize = link == CompanionLink.Le ? CompanionServerOptions.LeChunkSize : CompanionServerOptions.DefaultChunkSize;
        Assert.Equal(11, offers.Count);
        Assert.Equal(0, offers[0]);
        Assert.Equal(offers.Order(), offers);
        Assert.True(offers[^1] > 0);
        Assert.True(last!.Completed && last.Verified);
        Assert.Equal(offers[^1], last.ResumedFrom);
        Assert.Equal((int)((size - offers[^1] + chunkSize - 1) / chunkSize), last.Chunks);
    }

    [Theory]
    [InlineData(CompanionLink.Tcp)]
    [InlineData(CompanionLink.Le)]
    public async Task Deliver_FileChangedAfterQueued_HashMismatchKeepsItPending(CompanionLink link)
    {
        await using var fixture = new ServerFixture(link: link);
        string source = RandomFile("c.opus", 50_000, 5);
        fixture.Outbox.AddFile("rec-c", source, "+49305", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5));
        using (var stream = File.OpenWrite(source))
        {
            stream.WriteByte(0xFF);
        }

        var credentials = await fixture.PairAsync();
        using var folder = new RecordingFolder(Path.Combine(_work, "in"));
        await using var client = await fixture.AuthenticatedAsync(credentials, folder);

        Assert.Equal(0U, await client.WaitForQueueEmptyAsync(ServerFixture.Timeout()));
        Assert.Empty(fixture.Outbox.Deliveries);
        Assert.Empty(folder.Received);
        Assert.False(File.Exists(Path.Combine(folder.DirectoryPath, "rec-c.opus")));
        await fixture.Logger.WaitForEventAsync(6042, "rec-c");
    }
}
