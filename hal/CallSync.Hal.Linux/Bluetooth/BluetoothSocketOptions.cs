using System.Buffers.Binary;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// Encoding of the SOL_BLUETOOTH socket options the transports set and read (linux/bluetooth.h):
/// <c>BT_SECURITY</c> is <c>struct bt_security { u8 level; u8 key_size; }</c>; <c>BT_SNDMTU</c> and <c>BT_RCVMTU</c>
/// are a host-order u16 (the MTU of an L2CAP LE credit-based channel, in SDU bytes).
/// </summary>
public static class BluetoothSocketOptions
{
    /// <summary>SOL_BLUETOOTH.</summary>
    public const int SolBluetooth = 274;

    /// <summary>BT_SECURITY.</summary>
    public const int Security = 4;

    /// <summary>BT_SNDMTU (read-only: the peer decides it).</summary>
    public const int SendMtu = 12;

    /// <summary>BT_RCVMTU.</summary>
    public const int ReceiveMtu = 13;

    /// <summary>sizeof(struct bt_security).</summary>
    public const int SecuritySize = 2;

    /// <summary>The smallest MTU an LE credit-based channel may use (Core 5.x, Vol 3 Part A, 4.22: 23 bytes).</summary>
    public const int MinLeMtu = 23;

    /// <summary>Writes <c>struct bt_security</c>; key size 0 leaves the kernel's minimum (7 bytes) in force.</summary>
    public static void WriteSecurity(Span<byte> destination, BluetoothSecurity level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, SecuritySize);
        destination[0] = (byte)level;
        destination[1] = 0;
    }

    /// <summary>Reads <c>struct bt_security</c>; false when it is too short or the level is unknown.</summary>
    public static bool TryReadSecurity(ReadOnlySpan<byte> source, out BluetoothSecurity level)
    {
        level = default;
        if (source.Length < SecuritySize || source[0] is < (byte)BluetoothSecurity.Low or > (byte)BluetoothSecurity.Fips)
        {
            return false;
        }

        level = (BluetoothSecurity)source[0];
        return true;
    }

    /// <summary>Writes an MTU option value (host byte order, as the kernel copies a u16).</summary>
    public static void WriteMtu(Span<byte> destination, ushort mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 2);
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, mtu);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, mtu);
        }
    }

    /// <summary>Reads an MTU option value; false when shorter than two bytes or below the LE minimum.</summary>
    public static bool TryReadMtu(ReadOnlySpan<byte> source, out ushort mtu)
    {
        mtu = 0;
        if (source.Length < 2)
        {
            return false;
        }

        mtu = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(source) : BinaryPrimitives.ReadUInt16BigEndian(source);
        return mtu >= MinLeMtu;
    }
}
