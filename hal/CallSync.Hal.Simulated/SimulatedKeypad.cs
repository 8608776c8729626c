namespace CallSync.Hal.Simulated;

/// <summary>A keypad that tests and the control input type on.</summary>
public sealed class SimulatedKeypad : IKeypad
{
    /// <inheritdoc />
    public event EventHandler<KeyPressedEventArgs>? KeyPressed;

    /// <summary>Presses each key in turn.</summary>
    /// <exception cref="ArgumentException">A character is not a key of this keypad; nothing was pressed.</exception>
    public void Press(string keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (!Keys.IsValid(key))
            {
                throw new ArgumentException($"'{key}' is not a key (expected 0-9, *, #, S, X or H)", nameof(keys));
            }
        }

        foreach (var key in keys)
        {
            KeyPressed?.Invoke(this, new KeyPressedEventArgs(key));
        }
    }
}
