namespace CallSync.Media.Session;

/// <summary>
/// Receives both legs of a call once per device period, already time-aligned: <c>local</c> is what the remote
/// party heard from this phone (the microphone while sending, silence while held or not sending), <c>remote</c>
/// what this phone's user heard (the decoded remote party, comfort noise and concealment included; silence while
/// held or not receiving). Called on the audio clock's thread; it must copy and return quickly.
/// </summary>
public interface IMediaRecordingSink
{
    /// <summary>
    /// The rate the sink records at (8000 or 16000; see <see cref="MediaCodecChoice.RecordingSampleRate"/>): the
    /// session converts both legs to it, whatever the device and codec rates.
    /// </summary>
    int SampleRate { get; }

    /// <summary>One 20 ms period of both legs (same length, <see cref="SampleRate"/>/50 samples of 16-bit mono PCM).</summary>
    void OnFrame(ReadOnlySpan<short> local, ReadOnlySpan<short> remote);
}
