namespace CallSync.Media.Dtmf;

/// <summary>One received DTMF digit.</summary>
/// <param name="Digit">'0'-'9', '*', '#', 'A'-'D'.</param>
/// <param name="Offset">When its first packet arrived, from the start of media.</param>
/// <param name="Duration">How long the key was pressed (the event's final duration field).</param>
public readonly record struct DtmfDigit(char Digit, TimeSpan Offset, TimeSpan Duration);
