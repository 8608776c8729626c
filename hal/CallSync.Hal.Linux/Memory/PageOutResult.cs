namespace CallSync.Hal.Linux.Memory;

/// <summary>What <see cref="WorkingSet.PageOutFileMappings"/> advised.</summary>
/// <param name="Mappings">How many mappings were paged out.</param>
/// <param name="Bytes">Their total size (mapped, not necessarily resident before).</param>
/// <param name="Problem">Why nothing (more) could be paged out, or null.</param>
public sealed record PageOutResult(int Mappings, long Bytes, string? Problem);
