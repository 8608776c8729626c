using System.Security.Cryptography;

namespace CallSync.Recording;

/// <summary>
/// After a restart: finds recordings that were cut short (their <c>.opus.recording</c> marker is still
/// there) and seals them, so the records layer can report them with <see cref="RecordingResult.CutShort"/>.
/// A crashed file is usable as it is: every page written before the crash is a valid Ogg page; the stream
/// simply has no end-of-stream flag.
/// </summary>
public static class RecordingRecovery
{
    /// <summary>Record ids whose recording did not finish normally.</summary>
    public static IReadOnlyList<string> FindCutShort(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (string marker in Directory.EnumerateFiles(directory, "*.opus" + CallRecorder.MarkerSuffix))
        {
            string name = Path.GetFileName(marker);
            ids.Add(name[..^(".opus".Length + CallRecorder.MarkerSuffix.Length)]);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>
    /// Measures a cut-short recording (duration from the last complete page, size, SHA-256) and removes its
    /// marker. Call it once the records layer has stored the result.
    /// </summary>
    public static async Task<RecordingResult> SealAsync(string directory, string recordId, CancellationToken cancellationToken = default)
    {
        string path = Path.Combine(directory, recordId + ".opus");
        byte[] bytes = File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : [];
        OggOpusInspector.TryGetDuration(bytes, out TimeSpan duration);
        OggOpusInspector.TryGetInputSampleRate(bytes, out int sampleRate);
        var result = new RecordingResult
        {
            RecordId = recordId,
            Path = path,
            Duration = duration,
            SampleRate = sampleRate,
            Bytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            CutShort = true,
        };
        File.Delete(path + CallRecorder.MarkerSuffix);
        return result;
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken = default)
    {
        FileStream stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            byte[] hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }
}
