namespace CallSync.Media.Dtmf;

/// <summary>A digit the remote party sent as an RFC 4733 telephone-event.</summary>
public sealed class DtmfDigitEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public DtmfDigitEventArgs(char digit) => Digit = digit;

    /// <summary>'0'-'9', '*', '#', 'A'-'D'.</summary>
    public char Digit { get; }
}
