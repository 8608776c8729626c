namespace CallSync.Hal;

/// <summary>One key press.</summary>
public sealed class KeyPressedEventArgs(char key) : EventArgs
{
    /// <summary>'0'-'9', '*', '#', or one of the function keys in <see cref="Keys"/>.</summary>
    public char Key { get; } = key;
}
