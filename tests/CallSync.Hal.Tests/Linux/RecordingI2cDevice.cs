using System.Device.I2c;

namespace CallSync.Hal.Tests.Linux;

/// <summary>An I2C device that hands every byte written to an <see cref="Hd44780Model"/>, or fails when told to.</summary>
internal sealed class RecordingI2cDevice : I2cDevice
{
    public Hd44780Model Lcd { get; } = new();

    public int BytesWritten { get; private set; }

    public bool Fail { get; set; }

    public bool Disposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x27);

    public override byte ReadByte() => throw new InvalidOperationException("the LCD backpack is never read");

    public override void Read(Span<byte> buffer) => throw new InvalidOperationException("the LCD backpack is never read");

    public override void WriteByte(byte value)
    {
        if (Fail)
        {
            throw new IOException("Error 121 performing I2C data transfer.");
        }

        BytesWritten++;
        Lcd.Feed(value);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var value in buffer)
        {
            WriteByte(value);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new InvalidOperationException("the LCD backpack is never read");

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
