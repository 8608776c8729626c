namespace CallSync.Hal;

/// <summary>The phone's indicator LEDs.</summary>
public enum Led
{
    /// <summary>Lit while the current call is recorded.</summary>
    Recording,

    /// <summary>Lit while something waits for the user (a missed call, an undelivered recording).</summary>
    MessageWaiting,

    /// <summary>Lit during a call, blinking while ringing or on hold.</summary>
    Line,
}
