using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>Log messages of the BlueZ registrations (event ids 8300-8319).</summary>
internal static partial class BlueZLog
{
    [LoggerMessage(8300, LogLevel.Warning, "Bluetooth discovery unavailable: cannot reach the D-Bus system bus at {Address} ({Reason}); companions must be told the channel")]
    public static partial void BusUnavailable(ILogger logger, string address, string reason);

    [LoggerMessage(8301, LogLevel.Information, "Waiting for bluetoothd (org.bluez) to register {What}")]
    public static partial void WaitingForBlueZ(ILogger logger, string what);

    [LoggerMessage(8302, LogLevel.Information, "BlueZ: {What} registered ({Detail})")]
    public static partial void Registered(ILogger logger, string what, string detail);

    [LoggerMessage(8303, LogLevel.Warning, "BlueZ refused the {What}: {ErrorName}: {Reason}")]
    public static partial void Refused(ILogger logger, string what, string errorName, string reason);

    [LoggerMessage(8304, LogLevel.Warning, "bluetoothd (org.bluez) left the bus; registering again when it returns")]
    public static partial void BlueZGone(ILogger logger);

    [LoggerMessage(8305, LogLevel.Information, "bluetoothd (org.bluez) is back as {Owner}; registering again")]
    public static partial void BlueZBack(ILogger logger, string owner);

    [LoggerMessage(8306, LogLevel.Information, "BlueZ released the {What}")]
    public static partial void Released(ILogger logger, string what);

    [LoggerMessage(8307, LogLevel.Warning, "Registering the {What} with BlueZ failed: {Reason}")]
    public static partial void RegistrationFailed(ILogger logger, string what, string reason);
}
