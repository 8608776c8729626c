using CallSync.Media.Session;

namespace CallSync.Media.Tests.Support;

/// <summary>A sink that copies each period into fixed buffers, as the recorder's queue does.</summary>
internal sealed class CopyingSink(int sampleRate) : IMediaRecordingSink
{
    private readonly short[] _local = new short[sampleRate / 50];
    private readonly short[] _remote = new short[sampleRate / 50];

    public int SampleRate { get; } = sampleRate;

    public void OnFrame(ReadOnlySpan<short> local, ReadOnlySpan<short> remote)
    {
        local.CopyTo(_local);
        remote.CopyTo(_remote);
    }
}
