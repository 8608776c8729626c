namespace CallSync.Flash.Flashing;

/// <summary>How long the health gate waits for a healthy agent, and how often it asks.</summary>
internal sealed record GateOptions(TimeSpan Timeout, TimeSpan Interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
}
