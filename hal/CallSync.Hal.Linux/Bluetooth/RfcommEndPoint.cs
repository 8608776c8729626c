using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// An RFCOMM socket address (not usable with System.Net.Sockets.Socket, whose Unix layer rejects AF_BLUETOOTH;
/// the transport passes it to bind() itself), serialised as Linux <c>struct sockaddr_rc</c>:
/// <c>sa_family_t rc_family</c> (u16, AF_BLUETOOTH = 31), <c>bdaddr_t rc_bdaddr</c> (6 bytes, reversed),
/// <c>u8 rc_channel</c>, one byte of padding: 10 bytes.
/// </summary>
public sealed class RfcommEndPoint : EndPoint
{
    /// <summary>AF_BLUETOOTH on Linux.</summary>
    public const int AfBluetooth = 31;

    /// <summary>BTPROTO_RFCOMM on Linux.</summary>
    public const int BtProtoRfcomm = 3;

    /// <summary>sizeof(struct sockaddr_rc) on Linux.</summary>
    public const int SockaddrSize = 10;

    /// <summary>Creates an endpoint; channel 1-30 (0 lets the kernel pick when binding).</summary>
    public RfcommEndPoint(BluetoothAddress address, byte channel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, (byte)30);
        Address = address;
        Channel = channel;
    }

    /// <summary>The device address (<see cref="BluetoothAddress.Any"/> to listen on every adapter).</summary>
    public BluetoothAddress Address { get; }

    /// <summary>The RFCOMM channel.</summary>
    public byte Channel { get; }

    /// <inheritdoc/>
    public override AddressFamily AddressFamily => (AddressFamily)AfBluetooth;

    /// <summary>Writes <c>struct sockaddr_rc</c> (host byte order family, as the kernel expects).</summary>
    public void Write(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, SockaddrSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, AfBluetooth);
        Address.WriteLittleEndian(destination[2..]);
        destination[8] = Channel;
        destination[9] = 0;
    }

    /// <summary>Reads <c>struct sockaddr_rc</c>; false when the family or size is wrong.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out RfcommEndPoint? endPoint)
    {
        endPoint = null;
        if (source.Length < SockaddrSize - 1 || BinaryPrimitives.ReadUInt16LittleEndian(source) != AfBluetooth || source[8] > 30)
        {
            return false;
        }

        endPoint = new RfcommEndPoint(BluetoothAddress.ReadLittleEndian(source[2..]), source[8]);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"rfcomm:{Address}:{Channel}";

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RfcommEndPoint other && other.Address == Address && other.Channel == Channel;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, Channel);
}
