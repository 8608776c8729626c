namespace CallSync.Hal;

/// <summary>The text display: a few short lines.</summary>
public interface IDisplay
{
    /// <summary>How many lines the display has.</summary>
    int Lines { get; }

    /// <summary>Replaces one line (0-based); text longer than the display is cut.</summary>
    void Show(int line, string text);

    /// <summary>What a line shows now.</summary>
    string Get(int line);
}
