using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CallSync.Hub.Storage;

/// <summary>
/// Keyset position in the newest-first order (startedAt DESC, recordId DESC), opaque to clients as base64url.
/// Keyset paging stays O(page) on a large table and never skips or repeats rows when new records arrive.
/// </summary>
internal sealed record RecordCursor(long StartedAtMs, string RecordId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{StartedAtMs}|{RecordId}")));

    public static bool TryDecode(string? text, out RecordCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 512)
        {
            return false;
        }

        string plain;
        try
        {
            plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }

        var bar = plain.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(plain.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var started))
        {
            return false;
        }

        cursor = new RecordCursor(started, plain[(bar + 1)..]);
        return true;
    }
}
