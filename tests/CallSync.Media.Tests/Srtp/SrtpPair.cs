using CallSync.Media.Srtp;

namespace CallSync.Media.Tests.Srtp;

/// <summary>A sending and a receiving context on the same key, as the two ends of one direction of a call.</summary>
internal sealed class SrtpPair : IDisposable
{
    public SrtpPair(SrtpSuite suite, byte[] keySalt, SrtpContextOptions? options = null)
    {
        Sender = SrtpContext.Create(suite, keySalt, options);
        Receiver = SrtpContext.Create(suite, keySalt, options);
    }

    public SrtpContext Sender { get; }

    public SrtpContext Receiver { get; }

    /// <summary>Protects an RTP packet built by <see cref="SrtpTestPackets.Rtp"/> and returns the SRTP bytes.</summary>
    public byte[] Protect(byte[] rtp)
    {
        Assert.Equal(SrtpResult.Ok, Sender.TryProtect(rtp, SrtpTestPackets.Length(rtp), out int length));
        return rtp.AsSpan(0, length).ToArray();
    }

    public void Dispose()
    {
        Sender.Dispose();
        Receiver.Dispose();
    }
}
