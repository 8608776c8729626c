namespace CallSync.Media.Session;

/// <summary>
/// Receives both legs of a call once per device period, already time-aligned: <c>local</c> is what the
/// microphone captured, <c>remote</c> what the speaker played in the same period. Called on the audio
/// device's thread; it must copy and return quickly.
/// </summary>
public interface IMediaRecordingSink
{
    /// <summary>One period of both legs (same length, 16-bit mono at the device rate).</summary>
    void OnFrame(ReadOnlySpan<short> local, ReadOnlySpan<short> remote);
}
