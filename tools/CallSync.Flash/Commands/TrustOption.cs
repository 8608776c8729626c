using System.CommandLine;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Commands;

/// <summary>The repeatable <c>--trust FILE</c> option and loading its keys.</summary>
internal static class TrustOption
{
    public static Option<string[]> Create() => new("--trust")
    {
        Description = $"a trusted release public key (PEM); repeatable; default: {ReleaseKeys.SystemTrustDirectory}/*.pem",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Loads the keys; on failure prints why and returns null.</summary>
    public static IReadOnlyList<TrustedKey>? Load(ParseResult result, Option<string[]> option, string command)
    {
        if (ReleaseKeys.TryLoadTrusted(result.GetValue(option) ?? [], out var keys, out var reason))
        {
            return keys;
        }

        Console.Error.WriteLine($"callsync-flash {command}: {reason}");
        return null;
    }
}
