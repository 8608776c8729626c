namespace CallSync.Testing.Processes;

/// <summary>The result of <see cref="OutputLog.Find"/>.</summary>
/// <param name="Number">The matching line's number, or the number the next line will get.</param>
/// <param name="Line">The matching line; null when none matched yet.</param>
/// <param name="Ended">True when the output has ended (no line will come).</param>
/// <param name="Changed">Completes when the log next changes.</param>
public readonly record struct LogSearch(long Number, string? Line, bool Ended, Task Changed);
