namespace CallSync.Hal.Linux.Gpio;

/// <summary>A keypad with one input line per key: a key is reported once when its line becomes active.</summary>
public sealed class GpioKeypad : IKeypad
{
    /// <inheritdoc />
    public event EventHandler<KeyPressedEventArgs>? KeyPressed;

    internal void Press(char key) => KeyPressed?.Invoke(this, new KeyPressedEventArgs(key));
}
