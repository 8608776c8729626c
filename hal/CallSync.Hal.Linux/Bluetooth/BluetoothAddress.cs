using System.Globalization;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// A Bluetooth device address (BD_ADDR). Written as "AA:BB:CC:DD:EE:FF" (most significant byte first);
/// the kernel's <c>bdaddr_t</c> stores the same six bytes in reverse (little-endian) order.
/// </summary>
public readonly record struct BluetoothAddress
{
    private readonly ulong _value;

    private BluetoothAddress(ulong value) => _value = value;

    /// <summary>00:00:00:00:00:00, BDADDR_ANY: bind on every local adapter.</summary>
    public static BluetoothAddress Any => default;

    /// <summary>Parses "AA:BB:CC:DD:EE:FF" (hex, either case); false on anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out BluetoothAddress address)
    {
        address = default;
        if (text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (int i = 0; i < 6; i++)
        {
            if (i > 0 && text[(i * 3) - 1] != ':')
            {
                return false;
            }

            if (!byte.TryParse(text.Slice(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte octet))
            {
                return false;
            }

            value = (value << 8) | octet;
        }

        address = new BluetoothAddress(value);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for configuration values).</summary>
    public static BluetoothAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not a Bluetooth address (AA:BB:CC:DD:EE:FF)");

    /// <summary>Writes the kernel's bdaddr_t: 6 bytes, least significant (last written) octet first.</summary>
    public void WriteLittleEndian(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 6);
        for (int i = 0; i < 6; i++)
        {
            destination[i] = (byte)(_value >> (8 * i));
        }
    }

    /// <summary>Reads a kernel bdaddr_t.</summary>
    public static BluetoothAddress ReadLittleEndian(ReadOnlySpan<byte> source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(source.Length, 6);
        ulong value = 0;
        for (int i = 5; i >= 0; i--)
        {
            value = (value << 8) | source[i];
        }

        return new BluetoothAddress(value);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(17, _value, static (span, value) =>
        {
            for (int i = 0; i < 6; i++)
            {
                byte octet = (byte)(value >> (8 * (5 - i)));
                octet.TryFormat(span[(i * 3)..], out _, "X2", CultureInfo.InvariantCulture);
                if (i < 5)
                {
                    span[(i * 3) + 2] = ':';
                }
            }
        });
}
