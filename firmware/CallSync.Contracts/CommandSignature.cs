using System.Security.Cryptography;
using System.Text;

namespace CallSync.Contracts;

/// <summary>
/// Signs and verifies <see cref="DeviceCommand"/>s: HMAC-SHA256 (RFC 2104) over the UTF-8 bytes of
/// <see cref="CanonicalForm"/> with the device's provisioning key; the signature is padded base64.
/// The hub and the phone both use this type, so the canonical form exists exactly once.
/// </summary>
public static class CommandSignature
{
    /// <summary>First line of the canonical form; a new form gets a new tag.</summary>
    public const string Tag = "callsync-command-v1";

    /// <summary>Smallest provisioning key accepted (RFC 2104 section 3: at least the hash output length).</summary>
    public const int MinKeyBytes = 32;

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
    public static string Compute(DeviceCommand command, string deviceId, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(command, deviceId, key, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>Returns a copy of <paramref name="command"/> with its <see cref="DeviceCommand.Signature"/> set.</summary>
    public static DeviceCommand Sign(DeviceCommand command, string deviceId, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with { Signature = Compute(command, deviceId, key) };
    }

    /// <summary>True when the signature matches; compared in constant time. Never throws on bad input.</summary>
    public static bool Verify(DeviceCommand command, string deviceId, ReadOnlySpan<byte> key)
    {
        if (command is null || deviceId is null || string.IsNullOrEmpty(command.Signature) || key.IsEmpty)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes + 3];
        if (!Convert.TryFromBase64String(command.Signature, given, out int length) || length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(command, deviceId, key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }

    private static void ComputeMac(DeviceCommand command, string deviceId, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        byte[] data = Encoding.UTF8.GetBytes(CanonicalForm(command, deviceId));
        HMACSHA256.HashData(key, data, destination);
    }
}
