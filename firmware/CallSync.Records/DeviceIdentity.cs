namespace CallSync.Records;

/// <summary>Who this phone is: its device id (MQTT client id) and its own number.</summary>
/// <param name="DeviceId">Device id (1-128 characters, no '/', '+', '#').</param>
/// <param name="DeviceNumber">The phone's SIP account number.</param>
public sealed record DeviceIdentity(string DeviceId, string DeviceNumber);
