namespace CallSync.Companion.Messages;

/// <summary>What a companion wants from an authenticated session.</summary>
[Flags]
public enum SessionFlags : byte
{
    /// <summary>Control only (dial, ping, unpair).</summary>
    None = 0,

    /// <summary>Offer pending recordings in this session.</summary>
    ReceiveRecordings = 1,
}
