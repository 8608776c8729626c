namespace CallSync.Mqtt;

/// <summary>How a dial request through <see cref="IDialer"/> ended.</summary>
public enum DialCommandStatus
{
    /// <summary>A call was placed and has ended; its record id and result are known.</summary>
    Completed,

    /// <summary>The phone was busy (another call or dial in progress); nothing was dialled.</summary>
    Busy,

    /// <summary>The call could not be placed at all (no registration...).</summary>
    Failed,
}
