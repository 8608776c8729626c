using System.Diagnostics.CodeAnalysis;

namespace CallSync.Configuration;

/// <summary>
/// A kind of configuration value: how its text is parsed and checked, what it accepts (the words of every error
/// message and of the reference's "accepts" column), and how a value is written back (the reference's defaults).
/// </summary>
/// <typeparam name="T">The typed value.</typeparam>
public sealed class ConfigValue<T>
{
    private readonly ConfigParser<T> _parse;
    private readonly Func<T, string> _format;

    /// <summary>A kind of value.</summary>
    /// <param name="parse">Parses and checks the trimmed text; never throws.</param>
    /// <param name="accepts">What the value accepts, e.g. "a whole number from 1 to 10".</param>
    /// <param name="format">Writes a value as it would appear in a file; by default <see cref="object.ToString"/>.</param>
    public ConfigValue(ConfigParser<T> parse, string accepts, Func<T, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentException.ThrowIfNullOrWhiteSpace(accepts);
        _parse = parse;
        _format = format ?? (static value => value?.ToString() ?? string.Empty);
        Accepts = accepts;
    }

    /// <summary>What the value accepts, in words.</summary>
    public string Accepts { get; }

    /// <summary>Parses and checks <paramref name="text"/>; never throws.</summary>
    public bool TryParse(string text, [MaybeNullWhen(false)] out T value) => _parse(text, out value);

    /// <summary>The value as it would be written in a configuration file.</summary>
    public string Format(T value) => _format(value);

    /// <summary>The same kind narrowed by one more rule, described by <paramref name="accepts"/>.</summary>
    public ConfigValue<T> Where(Func<T, bool> rule, string accepts)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new ConfigValue<T>(
            (string text, [MaybeNullWhen(false)] out T value) => _parse(text, out value) && rule(value),
            accepts,
            _format);
    }

    /// <summary>The same text read as another type (e.g. an optional value of a required kind).</summary>
    public ConfigValue<TOut> Select<TOut>(Func<T, TOut> convert, Func<TOut, string> format)
    {
        ArgumentNullException.ThrowIfNull(convert);
        return new ConfigValue<TOut>(
            (string text, [MaybeNullWhen(false)] out TOut value) =>
            {
                if (_parse(text, out var inner))
                {
                    value = convert(inner)!;
                    return true;
                }

                value = default;
                return false;
            },
            Accepts,
            format);
    }
}
