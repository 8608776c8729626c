using System.Globalization;
using System.Security;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>
/// The SDP service record of the RFCOMM companion service, in BlueZ's XML form (the <c>ServiceRecord</c> option of
/// RegisterProfile): service classes = our UUID and Serial Port; protocols = L2CAP, then RFCOMM with the channel;
/// public browse group; Serial Port profile 1.2; the service name. An Android app finds the channel with
/// <c>createRfcommSocketToServiceRecord(uuid)</c>, which searches SDP for our UUID.
/// </summary>
public static class SdpRecord
{
    /// <summary>The record for <paramref name="channel"/>, named <paramref name="name"/>.</summary>
    public static string ForRfcomm(byte channel, string name)
    {
        ArgumentOutOfRangeException.ThrowIfZero(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, (byte)30);
        ArgumentNullException.ThrowIfNull(name);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8" ?>
            <record>
              <attribute id="0x0001"><sequence><uuid value="{CompanionGattLayout.ServiceUuid}" /><uuid value="0x1101" /></sequence></attribute>
              <attribute id="0x0004"><sequence><sequence><uuid value="0x0100" /></sequence><sequence><uuid value="0x0003" /><uint8 value="0x{channel:x2}" /></sequence></sequence></attribute>
              <attribute id="0x0005"><sequence><uuid value="0x1002" /></sequence></attribute>
              <attribute id="0x0009"><sequence><sequence><uuid value="0x1101" /><uint16 value="0x0102" /></sequence></sequence></attribute>
              <attribute id="0x0100"><text value="{SecurityElement.Escape(name)}" /></attribute>
            </record>
            """);
    }
}
