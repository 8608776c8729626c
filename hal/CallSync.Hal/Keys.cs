namespace CallSync.Hal;

/// <summary>Function keys, as the characters a keypad reports for them.</summary>
public static class Keys
{
    /// <summary>Dial what was typed (the "call" key).</summary>
    public const char Send = 'S';

    /// <summary>Hang up or clear what was typed.</summary>
    public const char Cancel = 'X';

    /// <summary>Put the call on hold or take it off hold.</summary>
    public const char Hold = 'H';

    /// <summary>True for the characters a keypad may report.</summary>
    public static bool IsValid(char key) =>
        key is (>= '0' and <= '9') or '*' or '#' or Send or Cancel or Hold;

    /// <summary>True for the characters that can be sent as DTMF.</summary>
    public static bool IsDtmf(char key) => key is (>= '0' and <= '9') or '*' or '#';
}
