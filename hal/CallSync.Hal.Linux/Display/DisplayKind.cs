namespace CallSync.Hal.Linux.Display;

/// <summary>What drives the board's display.</summary>
public enum DisplayKind
{
    /// <summary>Text written to a terminal or a file (<see cref="TextDisplay"/>).</summary>
    Text,

    /// <summary>An HD44780 character LCD behind a PCF8574 I2C backpack (<see cref="Hd44780I2cDisplay"/>).</summary>
    Hd44780I2c,
}
