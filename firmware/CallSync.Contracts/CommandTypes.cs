namespace CallSync.Contracts;

/// <summary>Values of <see cref="DeviceCommand.Type"/>.</summary>
public static class CommandTypes
{
    /// <summary>Dial <see cref="CommandArgs.Number"/>; the final reply carries the record id and result.</summary>
    public const string Dial = "dial";

    /// <summary>End the current call.</summary>
    public const string Hangup = "hangup";

    /// <summary>Report the device's current status.</summary>
    public const string Status = "status";
}
