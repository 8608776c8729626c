using System.Globalization;

namespace CallSync.Hub.Recordings;

/// <summary>
/// An upload chunk's <c>Content-Range: bytes FIRST-LAST/TOTAL</c> (RFC 9110 section 14.4, inclusive positions).
/// Never throws on input.
/// </summary>
internal readonly record struct ContentRange(long First, long Last, long Total)
{
    public long Length => Last - First + 1;

    public static bool TryParse(string? text, out ContentRange range)
    {
        range = default;
        const string Unit = "bytes ";
        if (text is null || text.Length > 64 || !text.StartsWith(Unit, StringComparison.Ordinal))
        {
            return false;
        }

        var span = text.AsSpan(Unit.Length);
        var dash = span.IndexOf('-');
        var slash = span.IndexOf('/');
        if (dash <= 0 || slash <= dash + 1
            || !long.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(span[(dash + 1)..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || !long.TryParse(span[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            || last < first || last >= total)
        {
            return false;
        }

        range = new ContentRange(first, last, total);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"bytes {First}-{Last}/{Total}");
}
