using System.Net;
using System.Net.Sockets;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Rtp;

namespace CallSync.Testing.Tests.Peers;

/// <summary>
/// A built stream written as a pcap and replayed by sipp from the generated uac scenario, to a uas (also generated)
/// whose answer points at this test's socket: every packet must arrive byte for byte. (sipp keeps the capture's gaps,
/// but a sipp starved of CPU catches up in a burst, so the pace is not asserted here; see SippOptions.RealTime.)
/// </summary>
[Trait("Category", "Interop")]
public sealed class SippReplayTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new("callsync-replay-");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task PlayPcapAudio_BuiltStream_ArrivesByteForByte(string mediaAddress)
    {
        var address = IPAddress.Parse(mediaAddress);
        var stream = new RtpStreamBuilder(RtpCodec.Pcmu, TimeSpan.FromMilliseconds(30))
            .WithCsrcs(0x11111111, 0x22222222)
            .WithExtension(RtpHeaderExtension.OneByte((1, [0x85])))
            .Tone(1000, TimeSpan.FromMilliseconds(600))
            .Silence(TimeSpan.FromMilliseconds(300), SilenceMode.ComfortNoise)
            .JumpSequence(1000)
            .Tone(1000, TimeSpan.FromMilliseconds(600))
            .Build();
        var pcap = _directory.File("stream.pcap");
        var (source, destination) = address.AddressFamily == AddressFamily.InterNetworkV6
            ? (new IPEndPoint(IPAddress.Parse("fd00::1"), 4000), new IPEndPoint(IPAddress.Parse("fd00::2"), 6000))
            : (new IPEndPoint(IPAddress.Parse("10.0.0.1"), 4000), new IPEndPoint(IPAddress.Parse("10.0.0.2"), 6000));
        PcapWriter.Write(pcap, stream, source, destination);

        using var receiver = new UdpClient(new IPEndPoint(address, 0));
        var receiverPort = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var answer = new SdpOffer { Codecs = [RtpCodec.Pcmu], MediaAddress = mediaAddress, MediaPort = receiverPort };
        File.WriteAllText(_directory.File("uas.xml"), SippScenario.Uas(answer, pcap));
        File.WriteAllText(_directory.File("uac.xml"), SippScenario.Uac(new SdpOffer { Codecs = [RtpCodec.Pcmu] }, pcap, stream.Duration + TimeSpan.FromMilliseconds(500)));

        using var uas = SippProcess.Start(new SippOptions { WorkingDirectory = _directory.Subdirectory("uas"), ScenarioFile = _directory.File("uas.xml"), MediaAddress = mediaAddress });
        await Task.Delay(300); // the uas binds its socket
        using var uac = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _directory.Subdirectory("uac"),
            ScenarioFile = _directory.File("uac.xml"),
            Target = $"127.0.0.1:{uas.Port}",
            MediaAddress = mediaAddress,
            MediaPort = FreePort.UdpRange(4, address),
            Arguments = ["-s", "1001"],
        });

        var arrived = new List<byte[]>();
        using (var timeout = new CancellationTokenSource(Patience))
        {
            while (arrived.Count < stream.Packets.Count && !timeout.IsCancellationRequested)
            {
                try
                {
                    var datagram = await receiver.ReceiveAsync(timeout.Token);
                    arrived.Add(datagram.Buffer);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Assert.True(arrived.Count == stream.Packets.Count, $"{arrived.Count} of {stream.Packets.Count} packets arrived\n{uac.Describe()}\n{uas.Describe()}");
        Assert.Equal(stream.Packets.Select(p => p.ToBytes()), arrived);
        Assert.True(uac.WaitForExit(Patience) == 0, uac.Describe());
        Assert.True(uas.WaitForExit(Patience) == 0, uas.Describe());
    }
}
