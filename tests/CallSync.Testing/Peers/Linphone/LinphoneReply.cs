namespace CallSync.Testing.Peers.Linphone;

/// <summary>
/// A linphone-daemon answer: <c>Status: Ok</c> or <c>Status: Error</c> with a <c>Reason:</c>, then a blank line
/// and <c>Key: Value</c> lines (several blocks for listing commands).
/// </summary>
public sealed record LinphoneReply(bool IsOk, string? Reason, IReadOnlyDictionary<string, string> Fields, string Text)
{
    public static LinphoneReply Parse(string text)
    {
        var lines = text.Split('\n');
        var ok = lines.Length > 0 && lines[0].Trim() == "Status: Ok";
        string? reason = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "Reason")
            {
                reason ??= value;
            }
            else
            {
                fields.TryAdd(key, value); // the first block wins
            }
        }

        return new LinphoneReply(ok, reason, fields, text);
    }

    /// <summary>A field of the answer; throws with the whole answer when it is missing.</summary>
    public string this[string key] =>
        Fields.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no {key} in linphone's answer:\n{Text}");
}
