namespace CallSync.Agent.Configuration;

/// <summary>Which hardware the agent drives.</summary>
internal enum BoardKind
{
    /// <summary>The simulated board: tone or WAV microphone, WAV speaker, keys and hook from the control input.</summary>
    Simulated,

    /// <summary>A Linux board: GPIO for keys, hook, LEDs and ringer, ALSA for audio.</summary>
    Linux,
}
