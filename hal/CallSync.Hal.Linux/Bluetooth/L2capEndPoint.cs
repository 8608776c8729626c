using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// An L2CAP socket address, serialised as Linux <c>struct sockaddr_l2</c>: <c>sa_family_t l2_family</c> (u16,
/// AF_BLUETOOTH = 31, host order), <c>u16 l2_psm</c> (little-endian), <c>bdaddr_t l2_bdaddr</c> (6 bytes, reversed),
/// <c>u16 l2_cid</c> (little-endian, 0: connect by PSM), <c>u8 l2_bdaddr_type</c>, one byte of padding: 14 bytes.
/// </summary>
public sealed class L2capEndPoint : EndPoint
{
    /// <summary>sizeof(struct sockaddr_l2) on Linux.</summary>
    public const int SockaddrSize = 14;

    /// <summary>First dynamic LE PSM (Core 5.x, Vol 3 Part A, 4.22: LE_PSM 0x0080-0x00FF are dynamic).</summary>
    public const ushort FirstDynamicLePsm = 0x80;

    /// <summary>Last dynamic LE PSM.</summary>
    public const ushort LastDynamicLePsm = 0xFF;

    /// <summary>Creates an endpoint. PSM 0 lets the kernel choose a free dynamic PSM when binding.</summary>
    public L2capEndPoint(BluetoothAddress address, BluetoothAddressType addressType, ushort psm)
    {
        if (!Enum.IsDefined(addressType))
        {
            throw new ArgumentOutOfRangeException(nameof(addressType), addressType, "not a Bluetooth address type");
        }

        if (addressType != BluetoothAddressType.BrEdr && psm != 0 && psm is < FirstDynamicLePsm or > LastDynamicLePsm)
        {
            throw new ArgumentOutOfRangeException(nameof(psm), psm, "an LE PSM of this service is 0x80-0xFF (0: chosen by the kernel)");
        }

        Address = address;
        AddressType = addressType;
        Psm = psm;
    }

    /// <summary>The device address (<see cref="BluetoothAddress.Any"/> to listen on every adapter).</summary>
    public BluetoothAddress Address { get; }

    /// <summary>Classic, LE public or LE random.</summary>
    public BluetoothAddressType AddressType { get; }

    /// <summary>The protocol/service multiplexer.</summary>
    public ushort Psm { get; }

    /// <inheritdoc/>
    public override AddressFamily AddressFamily => (AddressFamily)RfcommEndPoint.AfBluetooth;

    /// <summary>Writes <c>struct sockaddr_l2</c>.</summary>
    public void Write(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, SockaddrSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, RfcommEndPoint.AfBluetooth);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], Psm);
        Address.WriteLittleEndian(destination[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], 0);
        destination[12] = (byte)AddressType;
        destination[13] = 0;
    }

    /// <summary>Reads <c>struct sockaddr_l2</c>; false when the family, size or address type is wrong. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out L2capEndPoint? endPoint)
    {
        endPoint = null;
        if (source.Length < SockaddrSize - 1 || BinaryPrimitives.ReadUInt16LittleEndian(source) != RfcommEndPoint.AfBluetooth
            || source[12] > (byte)BluetoothAddressType.LeRandom)
        {
            return false;
        }

        var type = (BluetoothAddressType)source[12];
        ushort psm = BinaryPrimitives.ReadUInt16LittleEndian(source[2..]);
        if (type != BluetoothAddressType.BrEdr && psm != 0 && psm is < FirstDynamicLePsm or > LastDynamicLePsm)
        {
            return false;
        }

        endPoint = new L2capEndPoint(BluetoothAddress.ReadLittleEndian(source[4..]), type, psm);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"l2cap:{Address}/{AddressType}:0x{Psm:X2}");

    /// <inheritdoc/>
    public override bool Equals(object? obj) =>
        obj is L2capEndPoint other && other.Address == Address && other.AddressType == AddressType && other.Psm == Psm;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, AddressType, Psm);
}
