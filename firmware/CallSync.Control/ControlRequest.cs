namespace CallSync.Control;

/// <summary>One command to the agent's control socket, e.g. <c>dial 1002</c> as ("dial", ["1002"]).</summary>
public sealed record ControlRequest(string Command, IReadOnlyList<string> Args);
