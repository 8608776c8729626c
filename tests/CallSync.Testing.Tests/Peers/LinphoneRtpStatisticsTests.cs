using CallSync.Testing.Peers.Linphone;

namespace CallSync.Testing.Tests.Peers;

/// <summary>The end-of-call RTP statistics block of linphone-daemon 5.1.65's log, as captured from a call to the agent.</summary>
public sealed class LinphoneRtpStatisticsTests
{
    private const string Block = """
        2026-12-04 18:55:42:556 ortp-message-===========================================================
        2026-12-04 18:55:42:556 ortp-message-             AUDIO SESSION'S RTP STATISTICS
        2026-12-04 18:55:42:556 ortp-message------------------------------------------------------------
        2026-12-04 18:55:42:556 ortp-message-sent                                        401 packets
        2026-12-04 18:55:42:556 ortp-message-                                              0 duplicated packets
        2026-12-04 18:55:42:556 ortp-message-                                          38585 bytes
        2026-12-04 18:55:42:556 ortp-message-received                                    407 packets
        2026-12-04 18:55:42:556 ortp-message-                                              0 duplicated packets
        2026-12-04 18:55:42:556 ortp-message-                                          27101 bytes
        2026-12-04 18:55:42:556 ortp-message-incoming delivered to the app             26836 bytes
        2026-12-04 18:55:42:556 ortp-message-incoming cumulative lost                      0 packets
        2026-12-04 18:55:42:556 ortp-message-incoming received too late                    0 packets
        2026-12-04 18:55:42:556 ortp-message-incoming bad formatted                        0 packets
        2026-12-04 18:55:42:556 ortp-message-incoming discarded (queue overflow)           0 packets
        2026-12-04 18:55:42:556 ortp-message-sent rtcp                                     3 packets
        2026-12-04 18:55:42:556 ortp-message-received rtcp                                 1 packets
        2026-12-04 18:55:42:556 ortp-message-===========================================================
        """;

    [Fact]
    public void ParseAll_CapturedBlock_ReadsPacketCountsByLabelNotBytes()
    {
        var statistics = Assert.Single(LinphoneRtpStatistics.ParseAll("some line\n" + Block + "\nanother line 12 packets"));

        Assert.Equal(new LinphoneRtpStatistics(SentPackets: 401, ReceivedPackets: 407, DuplicatedPackets: 0, CumulativeLost: 0, Late: 0, BadFormatted: 0, Discarded: 0), statistics);
    }

    [Fact]
    public void ParseAll_CountsInEveryField_EachLandsInItsOwn()
    {
        var block = Block
            .Replace("      0 duplicated packets", "      7 duplicated packets", StringComparison.Ordinal)
            .Replace("cumulative lost                      0", "cumulative lost                      3", StringComparison.Ordinal)
            .Replace("too late                    0", "too late                    4", StringComparison.Ordinal)
            .Replace("bad formatted                        0", "bad formatted                        5", StringComparison.Ordinal)
            .Replace("(queue overflow)           0", "(queue overflow)           6", StringComparison.Ordinal);

        var statistics = Assert.Single(LinphoneRtpStatistics.ParseAll(block));

        Assert.Equal(new LinphoneRtpStatistics(401, 407, 7, 3, 4, 5, 6), statistics);
    }

    [Fact]
    public void ParseAll_TruncatedBlock_GivesNothing() =>
        Assert.Empty(LinphoneRtpStatistics.ParseAll(string.Join('\n', Block.Split('\n').Take(4))));
}
