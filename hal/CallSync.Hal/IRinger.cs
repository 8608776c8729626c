namespace CallSync.Hal;

/// <summary>The ringer that announces an incoming call.</summary>
public interface IRinger
{
    /// <summary>True while ringing.</summary>
    bool IsRinging { get; }

    /// <summary>Starts ringing; a second call while ringing does nothing.</summary>
    void Start();

    /// <summary>Stops ringing; harmless when silent.</summary>
    void Stop();
}
