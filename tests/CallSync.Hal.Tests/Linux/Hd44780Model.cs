namespace CallSync.Hal.Tests.Linux;

/// <summary>
/// An HD44780 controller behind a PCF8574 backpack, fed the bytes written to the expander: P0 = RS, P1 = R/W, P2 = E,
/// P3 = backlight, P4-P7 = DB4-DB7. A nibble is latched on E's falling edge; the controller starts in 8-bit mode (each
/// latch is a whole instruction, DB0-DB3 low) and pairs nibbles (high first) once a function set clears DL. Instructions
/// and data are executed as in the data sheet's instruction table, into an 80-byte DDRAM with the address counter.
/// </summary>
internal sealed class Hd44780Model
{
    private readonly byte[] _ddram = new byte[0x80];
    private byte _previous;
    private int? _highNibble;

    public Hd44780Model() => Array.Fill(_ddram, (byte)' ');

    public bool EightBitMode { get; private set; } = true;

    public bool TwoLines { get; private set; }

    public bool DisplayOn { get; private set; }

    public bool CursorOn { get; private set; }

    public bool BlinkOn { get; private set; }

    public bool Increment { get; private set; } = true;

    public bool ShiftOnWrite { get; private set; }

    public bool Backlight { get; private set; }

    public int AddressCounter { get; private set; }

    /// <summary>Every instruction executed, in order (data writes are not listed).</summary>
    public List<byte> Instructions { get; } = [];

    /// <summary>The DDRAM addresses set with "set DDRAM address", in order.</summary>
    public List<int> DdramAddresses { get; } = [];

    /// <summary>What went against the protocol (a read cycle, data before 4-bit mode was set up...).</summary>
    public List<string> Violations { get; } = [];

    public void Feed(byte value)
    {
        Backlight = (value & 0x08) != 0;
        bool fallingEnable = (_previous & 0x04) != 0 && (value & 0x04) == 0;
        if (fallingEnable)
        {
            Latch(_previous);
        }

        _previous = value;
    }

    /// <summary>The characters a <paramref name="rows"/> x <paramref name="columns"/> panel shows (rows 2 and 3 continue rows 0 and 1).</summary>
    public string[] Screen(int rows, int columns)
    {
        var screen = new string[rows];
        for (int row = 0; row < rows; row++)
        {
            int start = RowAddress(row, columns);
            screen[row] = new string([.. _ddram.AsSpan(start, columns).ToArray().Select(b => (char)b)]);
        }

        return screen;
    }

    public static int RowAddress(int row, int columns) => (row % 2 == 0 ? 0x00 : 0x40) + row / 2 * columns;

    private void Latch(byte bus)
    {
        if ((bus & 0x02) != 0)
        {
            Violations.Add("a read cycle (R/W high)");
            return;
        }

        bool data = (bus & 0x01) != 0;
        int nibble = bus >> 4;
        if (EightBitMode)
        {
            Execute((byte)(nibble << 4), data);
            return;
        }

        if (_highNibble is not { } high)
        {
            _highNibble = nibble;
            return;
        }

        _highNibble = null;
        Execute((byte)(high << 4 | nibble), data);
    }

    private void Execute(byte value, bool data)
    {
        if (data)
        {
            if (EightBitMode)
            {
                Violations.Add($"data 0x{value:x2} in 8-bit mode");
            }

            _ddram[AddressCounter] = value;
            Advance();
            return;
        }

        Instructions.Add(value);
        switch (value)
        {
            case 0x00:
                break; // no instruction: the high half of a nibble pair sent while still in 8-bit mode
            case 0x01:
                Array.Fill(_ddram, (byte)' ');
                AddressCounter = 0;
                Increment = true;
                break;
            case <= 0x03:
                AddressCounter = 0;
                break;
            case <= 0x07:
                Increment = (value & 0x02) != 0;
                ShiftOnWrite = (value & 0x01) != 0;
                break;
            case <= 0x0F:
                DisplayOn = (value & 0x04) != 0;
                CursorOn = (value & 0x02) != 0;
                BlinkOn = (value & 0x01) != 0;
                break;
            case <= 0x1F:
                Violations.Add($"cursor/display shift 0x{value:x2}");
                break;
            case <= 0x3F:
                EightBitMode = (value & 0x10) != 0;
                TwoLines = (value & 0x08) != 0;
                break;
            case <= 0x7F:
                Violations.Add($"CGRAM address 0x{value:x2}");
                break;
            default:
                AddressCounter = value & 0x7F;
                DdramAddresses.Add(AddressCounter);
                break;
        }
    }

    // In two-line mode DDRAM is 0x00-0x27 and 0x40-0x67; the counter runs from the end of one line to the other.
    private void Advance()
    {
        int next = AddressCounter + (Increment ? 1 : -1);
        AddressCounter = next switch
        {
            0x28 => 0x40,
            0x68 => 0x00,
            _ => next & 0x7F,
        };
    }
}
