using System.Diagnostics.CodeAnalysis;

namespace CallSync.Configuration;

/// <summary>Turns the text of one configuration value into a <typeparamref name="T"/>; never throws.</summary>
/// <returns>False when the text is not an acceptable value.</returns>
public delegate bool ConfigParser<T>(string text, [MaybeNullWhen(false)] out T value);
