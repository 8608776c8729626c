namespace CallSync.Testing.Processes;

/// <summary>How a program run to completion ended: its exit code and its output (standard output and error).</summary>
public sealed record ToolResult(int ExitCode, string Output);
