using System.Buffers.Binary;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>
/// The identifiers a mobile app looks for (docs/companion-protocol.md, "Discovery"): the CallSync companion service
/// UUID (advertised over LE, the GATT service, and the service class of the RFCOMM SDP record) and the read-only
/// characteristics telling the app where to open the L2CAP channel.
/// </summary>
public static class CompanionGattLayout
{
    /// <summary>The CallSync companion service.</summary>
    public const string ServiceUuid = "bb241836-224b-4d2c-bf54-10b1be27d60b";

    /// <summary>Channel info: <see cref="ChannelInfoSize"/> bytes, u16 PSM, u16 lowest and u16 highest protocol version, little-endian.</summary>
    public const string ChannelInfoUuid = "22fb1571-aee2-4730-9324-84a455054c10";

    /// <summary>
    /// Apple's L2CAP PSM characteristic (CoreBluetooth <c>CBUUIDL2CAPPSMCharacteristicString</c>): the PSM as a
    /// little-endian u16, so generic iOS tooling finds the channel too.
    /// </summary>
    public const string L2capPsmUuid = "abdd3056-28fa-441d-a470-55a75a52553a";

    /// <summary>Serial Port Profile service class (the RFCOMM SDP record lists it after our UUID).</summary>
    public const string SerialPortUuid = "00001101-0000-1000-8000-00805f9b34fb";

    /// <summary>Bytes of the channel info value; readers accept longer values and ignore what follows (later fields).</summary>
    public const int ChannelInfoSize = 6;

    /// <summary>Writes the channel info value.</summary>
    public static bool TryWriteChannelInfo(Span<byte> destination, ushort psm, ushort minVersion, ushort maxVersion)
    {
        if (destination.Length < ChannelInfoSize)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, psm);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], minVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], maxVersion);
        return true;
    }

    /// <summary>Reads the channel info value (what an app does); false when shorter than <see cref="ChannelInfoSize"/> or inconsistent.</summary>
    public static bool TryReadChannelInfo(ReadOnlySpan<byte> source, out ushort psm, out ushort minVersion, out ushort maxVersion)
    {
        psm = minVersion = maxVersion = 0;
        if (source.Length < ChannelInfoSize)
        {
            return false;
        }

        psm = BinaryPrimitives.ReadUInt16LittleEndian(source);
        minVersion = BinaryPrimitives.ReadUInt16LittleEndian(source[2..]);
        maxVersion = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        return psm != 0 && minVersion != 0 && minVersion <= maxVersion;
    }
}
