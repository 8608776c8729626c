namespace CallSync.Configuration;

/// <summary>One valid entry of a map key.</summary>
/// <param name="Path">The entry's full key, e.g. <c>Board:KeyLines:Star</c> (for messages that name it).</param>
/// <param name="Name">The parsed name.</param>
/// <param name="Value">The parsed value.</param>
public readonly record struct ConfigEntry<TName, TValue>(string Path, TName Name, TValue Value);
