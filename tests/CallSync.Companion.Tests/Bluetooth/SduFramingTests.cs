using CallSync.Companion.Client;
using CallSync.Companion.Framing;
using CallSync.Companion.Protocol;
using CallSync.Companion.Security;
using CallSync.Companion.Server;
using CallSync.Companion.Tests.Support;
using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Companion.Tests.Bluetooth;

/// <summary>Frames on LE message boundaries: SOCK_SEQPACKET pairs with a 251-byte MTU through <see cref="BluetoothStream"/>.</summary>
public sealed class SduFramingTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sdu-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Write_LargerThanMtu_ArrivesAsSdusOfAtMostMtuInOrder()
    {
        var (a, b) = BluetoothStream.CreateSeqPacketPair(251);
        using (a)
        using (b)
        {
            byte[] data = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];

            await a.WriteAsync(data);
            var sizes = new List<int>();
            byte[] buffer = new byte[4096];
            var received = new List<byte>();
            while (received.Count < data.Length)
            {
                int count = await b.ReadAsync(buffer);
                sizes.Add(count);
                received.AddRange(buffer.AsSpan(0, count).ToArray());
            }

            Assert.Equal([251, 251, 251, 247], sizes);
            Assert.Equal(data, received);
            Assert.Equal(4, a.PacketsSent);
            Assert.Equal(4, b.PacketsReceived);
        }
    }

    [Fact]
    public async Task Read_BufferSmallerThanSdu_KeepsTheRestForTheNextRead()
    {
        var (a, b) = BluetoothStream.CreateSeqPacketPair(251);
        using (a)
        using (b)
        {
            await a.WriteAsync(new byte[200]);
            await a.WriteAsync(new byte[] { 7 });
            byte[] small = new byte[64];

            int[] reads = [await b.ReadAsync(small), await b.ReadAsync(small), await b.ReadAsync(small), await b.ReadAsync(small), await b.ReadAsync(small)];

            Assert.Equal([64, 64, 64, 8, 1], reads);
            Assert.Equal(7, small[0]);
        }
    }

    [Fact]
    public async Task Read_SduLargerThanReceiveMtu_IOExceptionNamingBothSizes()
    {
        var (sender, receiver) = BluetoothSocket.CreateSeqPacketPair();
        using var wide = new BluetoothStream(sender, null, sendMtu: 500, receiveMtu: 500);
        using var narrow = new BluetoothStream(receiver, null, sendMtu: 251, receiveMtu: 251);

        await wide.WriteAsync(new byte[400]);
        var error = await Assert.ThrowsAsync<IOException>(async () => _ = await narrow.ReadAsync(new byte[1024]).ConfigureAwait(false));

        Assert.Contains("an SDU of 400 bytes exceeds the receive MTU of 251 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_PeerClosed_ReturnsZero()
    {
        var (a, b) = BluetoothStream.CreateSeqPacketPair(251);
        using (b)
        {
            a.Dispose();

            Assert.Equal(0, await b.ReadAsync(new byte[512]));
        }
    }

    [Fact]
    public async Task Deliver_OverLeLink_EveryFrameStartsAnSduAndChunksSpanSeveral()
    {
        await using var fixture = new ServerFixture(link: CompanionLink.Le);
        byte[] content = new byte[300_000];
        new Random(16).NextBytes(content);
        string source = Path.Combine(_work, "le.opus");
        await File.WriteAllBytesAsync(source, content);
        fixture.Outbox.AddFile("rec-le", source, "+49307", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(75));
        var credentials = await fixture.PairAsync();
        using var folder = new RecordingFolder(Path.Combine(_work, "in"));

        await using (var client = await fixture.AuthenticatedAsync(credentials, folder))
        {
            Assert.Equal(1U, await client.WaitForQueueEmptyAsync(ServerFixture.Timeout()));
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(folder.DirectoryPath, "rec-le.opus")));
        var phone = ((SeqPacketTransport)fixture.Transport).ServerEnds[^1];
        int chunkSdus = 0;
        for (int offset = 0; offset < content.Length; offset += CompanionServerOptions.LeChunkSize)
        {
            int frame = Math.Min(CompanionServerOptions.LeChunkSize, content.Length - offset) + ChunkOverhead;
            chunkSdus += (frame + SeqPacketTransport.LeMtu - 1) / SeqPacketTransport.LeMtu;
        }

        // Every frame starts a new SDU of at most 251 bytes (the companion's 251-byte receive MTU refuses anything
        // larger): an 8 KiB chunk takes 33, and HelloAccept, AuthChallenge, AuthOk, the offer and the queue-empty
        // notice one each.
        Assert.Equal(chunkSdus + 5, phone.PacketsSent);
        Assert.Equal(1188 + 21, chunkSdus);
    }

    /// <summary>Framing bytes around each chunk's data: header, counter, tag, inner type, a 36-character id, the offset.</summary>
    private const int ChunkOverhead = FrameDecoder.HeaderSize + 8 + 16 + 1 + 2 + 36 + 8;

    [Fact]
    public void SealedChunkOverhead_GuidRecordId_Is76Bytes()
    {
        var chunk = new Messages.RecordingChunk(Guid.Empty.ToString(), 0, new byte[CompanionServerOptions.LeChunkSize]);
        int sealedFrame = FrameDecoder.HeaderSize + SessionCipher.SealedSize(1 + chunk.GetSize());

        Assert.Equal(76, sealedFrame - CompanionServerOptions.LeChunkSize);
        Assert.Equal(76, ChunkOverhead);
        Assert.Equal(ProtocolVersion.Max, ProtocolVersion.Min);
    }
}
