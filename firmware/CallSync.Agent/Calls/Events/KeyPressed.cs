namespace CallSync.Agent.Calls.Events;

/// <summary>A key of the board's keypad was pressed.</summary>
internal sealed record KeyPressed(char Key) : CallEvent;
