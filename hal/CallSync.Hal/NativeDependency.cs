using System.Reflection;
using System.Runtime.InteropServices;

namespace CallSync.Hal;

/// <summary>
/// A native library that <paramref name="Owner"/>'s imports load, and where it comes from. Checked
/// at start, so a missing library is a one-line start-up error instead of a crash at the first call that needs it.
/// </summary>
/// <param name="Library">The name the imports use (a soname, e.g. <c>libopus.so.0</c>).</param>
/// <param name="Source">Where it comes from, for a technician: "Debian's libopus0", "the agent's release bundle".</param>
/// <param name="Owner">The assembly whose imports load it: the runtime searches its directory first.</param>
public sealed record NativeDependency(string Library, string Source, Assembly Owner)
{
    /// <summary>
    /// Loads the library as the owner's imports will, then releases it; false with the loader's reason
    /// (<see cref="ReasonOf"/>: "not found", or a found file's error such as "file too short") when it cannot be loaded.
    /// </summary>
    public bool TryLoad(out string reason)
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(Library, Owner, searchPath: null));
            reason = string.Empty;
            return true;
        }
        catch (DllNotFoundException ex)
        {
            reason = ReasonOf(ex);
            return false;
        }
    }

    /// <summary>
    /// The loader's reason from the runtime's message, which opens with advice and then gives dlopen's error for each
    /// file it tried, one per line: the first error that is not a plain "No such file or directory" (a file that is
    /// there but broken: "file too short", "wrong ELF class", "undefined symbol"), else "not found".
    /// </summary>
    public static string ReasonOf(DllNotFoundException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string[] lines = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Skip(1).FirstOrDefault(l => !l.EndsWith("No such file or directory", StringComparison.Ordinal)) ?? "not found";
    }

    /// <summary>The library a <see cref="DllNotFoundException"/> is about, as the runtime's message quotes it ('e_sqlite3').</summary>
    public static string LibraryOf(DllNotFoundException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        int open = error.Message.IndexOf('\'', StringComparison.Ordinal);
        int close = open < 0 ? -1 : error.Message.IndexOf('\'', open + 1);
        return close < 0 ? "a native library" : error.Message[(open + 1)..close];
    }
}
