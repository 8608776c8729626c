using System.Text;

namespace CallSync.Contracts;

/// <summary>
/// Signs and verifies <see cref="DeviceCommand"/>s: <see cref="HmacSignature"/> over <see cref="CanonicalForm"/> with
/// the device's provisioning key. The hub and the phone both use this type, so the canonical form exists exactly once.
/// </summary>
public static class CommandSignature
{
    /// <summary>First line of the canonical form; a new form gets a new tag.</summary>
    public const string Tag = "callsync-command-v1";

    /// <summary>Smallest provisioning key accepted (<see cref="HmacSignature.MinKeyBytes"/>).</summary>
    public const int MinKeyBytes = HmacSignature.MinKeyBytes;

    /// <summary>
    /// The canonical form: seven lines joined by LF (0x0A), no trailing LF:
    /// <c>callsync-command-v1</c>, deviceId, commandId, type, args.number (empty when absent),
    /// issuedAt and expiresAt in <see cref="Timestamps.Format"/>. Binding the device id stops a command
    /// signed for one phone from being replayed to another provisioned with the same key.
    /// </summary>
    public static string CanonicalForm(DeviceCommand command, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(deviceId);
        var sb = new StringBuilder(160);
        sb.Append(Tag).Append('\n')
          .Append(deviceId).Append('\n')
          .Append(command.CommandId).Append('\n')
          .Append(command.Type).Append('\n')
          .Append(command.Args?.Number ?? string.Empty).Append('\n')
          .Append(Timestamps.ToWire(command.IssuedAt)).Append('\n')
          .Append(Timestamps.ToWire(command.ExpiresAt));
        return sb.ToString();
    }

    /// <summary>Computes the signature of <paramref name="command"/> for <paramref name="deviceId"/>.</summary>
    public static string Compute(DeviceCommand command, string deviceId, ReadOnlySpan<byte> key) =>
        HmacSignature.Compute(CanonicalForm(command, deviceId), key);

    /// <summary>Returns a copy of <paramref name="command"/> with its <see cref="DeviceCommand.Signature"/> set.</summary>
    public static DeviceCommand Sign(DeviceCommand command, string deviceId, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with { Signature = Compute(command, deviceId, key) };
    }

    /// <summary>True when the signature matches; compared in constant time. Never throws on bad input.</summary>
    public static bool Verify(DeviceCommand command, string deviceId, ReadOnlySpan<byte> key) =>
        command is not null && deviceId is not null && HmacSignature.Verify(CanonicalForm(command, deviceId), command.Signature, key);
}
