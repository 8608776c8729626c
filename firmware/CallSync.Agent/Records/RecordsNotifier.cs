namespace CallSync.Agent.Records;

/// <summary>
/// Wakes whoever delivers a new record: the MQTT publisher for the metadata and the companion link for the
/// audio. Both register here, so the finisher needs to know neither.
/// </summary>
internal sealed class RecordsNotifier
{
    /// <summary>A record was committed to the MQTT outbox.</summary>
    public event Action? RecordQueued;

    /// <summary>A recording was committed to the companion outbox.</summary>
    public event Action<Guid>? RecordingQueued;

    public void RecordReady(Guid recordId, bool hasRecording)
    {
        RecordQueued?.Invoke();
        if (hasRecording)
        {
            RecordingQueued?.Invoke(recordId);
        }
    }
}
