using CallSync.Media.Session;

namespace CallSync.Media.Tests.Support;

/// <summary>A recording sink that keeps both legs in memory.</summary>
internal sealed class CapturingSink(int sampleRate) : IMediaRecordingSink
{
    public int SampleRate { get; } = sampleRate;

    public List<short> Local { get; } = [];

    public List<short> Remote { get; } = [];

    public int Frames { get; private set; }

    public void OnFrame(ReadOnlySpan<short> local, ReadOnlySpan<short> remote)
    {
        Assert.Equal(SampleRate / 50, local.Length);
        Assert.Equal(SampleRate / 50, remote.Length);
        Local.AddRange(local);
        Remote.AddRange(remote);
        Frames++;
    }
}
