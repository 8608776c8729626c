using System.Device.I2c;
using System.Drawing;
using Iot.Device.CharacterLcd;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Display;

/// <summary>
/// An HD44780 character LCD (16x2, 20x4...) behind a PCF8574 I2C backpack, driven in 4-bit mode through
/// Iot.Device.Bindings' character LCD binding over System.Device.Gpio's <see cref="I2cDevice"/>. Each line is fitted
/// by <see cref="LcdText.Fit"/> and written whole (padded with spaces), and only when it changed: an I2C write of a
/// 20-character line is ~80 bus transfers.
/// </summary>
public sealed class Hd44780I2cDisplay : IDisplay, IDisposable
{
    /// <summary>The usual address of a PCF8574T backpack (0x3F for the PCF8574AT).</summary>
    public const int DefaultAddress = 0x27;

    private readonly I2cDevice _device;
    private readonly Hd44780 _lcd;
    private readonly string[] _lines;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _disposed;
    private bool _failing;

    /// <summary>Initialises the LCD on <paramref name="device"/> (4-bit mode, display on, cleared); the device is owned from here.</summary>
    /// <exception cref="IOException">The I2C device does not answer.</exception>
    internal Hd44780I2cDisplay(I2cDevice device, int rows, int columns, ILogger<Hd44780I2cDisplay> logger)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, 40);
        _device = device;
        _logger = logger;
        Columns = columns;
        _lines = new string[rows];
        Array.Fill(_lines, "");
        _lcd = new Hd44780(new Size(columns, rows), LcdInterface.CreateI2c(device, uses8Bit: false));
    }

    /// <summary>Characters per line.</summary>
    public int Columns { get; }

    /// <inheritdoc />
    public int Lines => _lines.Length;

    /// <summary>Opens /dev/i2c-<paramref name="bus"/> at <paramref name="address"/> and initialises the LCD.</summary>
    /// <exception cref="IOException">The bus cannot be opened or nothing answers at the address.</exception>
    public static Hd44780I2cDisplay Open(int bus, int address, int rows, int columns, ILogger<Hd44780I2cDisplay> logger)
    {
        var device = I2cDevice.Create(new I2cConnectionSettings(bus, address));
        try
        {
            return new Hd44780I2cDisplay(device, rows, columns, logger);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Show(int line, string text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, _lines.Length);
        ArgumentNullException.ThrowIfNull(text);
        var shown = LcdText.Fit(text, Columns);
        lock (_gate)
        {
            if (_disposed || _lines[line] == shown)
            {
                return;
            }

            _lines[line] = shown;
            try
            {
                _lcd.SetCursorPosition(0, line);
                _lcd.Write(shown.PadRight(Columns));
            }
            catch (IOException ex)
            {
                // Logged once per outage (an unplugged LCD would otherwise log every update).
                if (!_failing)
                {
                    _failing = true;
                    LinuxBoardLog.LcdFailed(_logger, ex.Message);
                }

                return;
            }

            _failing = false;
        }

        LinuxBoardLog.DisplayChanged(_logger, line, shown);
    }

    /// <inheritdoc />
    public string Get(int line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, _lines.Length);
        lock (_gate)
        {
            return _lines[line];
        }
    }

    /// <summary>Releases the I2C device; the LCD keeps showing its last text.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _lcd.Dispose();
            _device.Dispose();
        }
    }
}
