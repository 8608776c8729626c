namespace CallSync.Media.Dtmf;

/// <summary>A digit the remote party sent as an RFC 4733 telephone-event, reported once when the event ends.</summary>
public sealed class DtmfDigitEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public DtmfDigitEventArgs(DtmfDigit digit)
    {
        Digit = digit.Digit;
        Offset = digit.Offset;
        Duration = digit.Duration;
    }

    /// <summary>'0'-'9', '*', '#', 'A'-'D'.</summary>
    public char Digit { get; }

    /// <summary>When the digit started, from the start of media (for the call record's <c>dtmf</c> offsets).</summary>
    public TimeSpan Offset { get; }

    /// <summary>How long the key was pressed.</summary>
    public TimeSpan Duration { get; }
}
