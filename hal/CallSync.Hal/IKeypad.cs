namespace CallSync.Hal;

/// <summary>The dial pad: digits, '*', '#', and the function keys named in <see cref="Keys"/>.</summary>
public interface IKeypad
{
    /// <summary>Raised once per key press.</summary>
    event EventHandler<KeyPressedEventArgs>? KeyPressed;
}
