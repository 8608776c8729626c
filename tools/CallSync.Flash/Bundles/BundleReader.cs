using System.Formats.Tar;
using System.Security.Cryptography;

namespace CallSync.Flash.Bundles;

/// <summary>
/// Verifies a bundle in one pass over the tar: the signature over manifest.json first (both must be the first two
/// entries, so nothing of the payload is read from an unsigned bundle), then every payload entry against the size and
/// SHA-256 the manifest lists, optionally writing the payload out while hashing. Never throws on the bundle's content.
/// </summary>
internal static class BundleReader
{
    /// <summary>The largest payload accepted in all (a NativeAOT agent and CLI are a few dozen MB).</summary>
    public const long MaxPayloadBytes = 1L << 30;

    private const int MaxSignatureBytes = 1024;

    /// <summary>
    /// Checks <paramref name="bundlePath"/> against <paramref name="trusted"/>; when <paramref name="extractTo"/> is
    /// given, the payload is written there (modes as listed). A refused bundle leaves nothing meaningful there: the
    /// caller deletes the directory.
    /// </summary>
    public static bool TryVerify(string bundlePath, IReadOnlyList<TrustedKey> trusted, string? extractTo, out BundleCheck? check, out string reason)
    {
        check = null;
        try
        {
            using var stream = File.OpenRead(bundlePath);
            return TryVerify(stream, trusted, extractTo, out check, out reason);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = $"cannot read {bundlePath}: {ex.Message}";
            return false;
        }
    }

    /// <summary>Same as the path overload, over a stream.</summary>
    public static bool TryVerify(Stream bundle, IReadOnlyList<TrustedKey> trusted, string? extractTo, out BundleCheck? check, out string reason)
    {
        check = null;
        try
        {
            using var tar = new TarReader(bundle, leaveOpen: true);
            if (!TryReadSmall(tar.GetNextEntry(), BundlePaths.Manifest, ManifestParser.MaxBytes, out var manifestBytes, out reason)
                || !TryReadSmall(tar.GetNextEntry(), BundlePaths.Signature, MaxSignatureBytes, out var signature, out reason))
            {
                return false;
            }

            if (!ReleaseKeys.TryVerify(trusted, manifestBytes, signature, out var signer))
            {
                reason = "signature refused: manifest.sig is not a signature of manifest.json by any trusted key";
                return false;
            }

            if (!ManifestParser.TryParse(manifestBytes, out var manifest, out reason))
            {
                return false;
            }

            if (manifest!.Files.Sum(f => f.Size) > MaxPayloadBytes)
            {
                reason = $"payload is larger than {MaxPayloadBytes} bytes";
                return false;
            }

            if (!TryCheckPayload(tar, manifest, extractTo, out reason))
            {
                return false;
            }

            check = new BundleCheck(manifest, signer);
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            reason = $"not a readable tar: {ex.Message}";
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = $"cannot extract the payload: {ex.Message}";
            return false;
        }
    }

    private static bool TryCheckPayload(TarReader tar, BundleManifest manifest, string? extractTo, out string reason)
    {
        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new byte[81920];
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory && entry.Name.StartsWith(BundlePaths.PayloadPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = entry.Name.StartsWith(BundlePaths.PayloadPrefix, StringComparison.Ordinal) ? entry.Name[BundlePaths.PayloadPrefix.Length..] : null;
            if (path is null || !listed.TryGetValue(path, out var file))
            {
                reason = $"unexpected entry '{entry.Name}': not listed in the manifest";
                return false;
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !seen.Add(path))
            {
                reason = $"entry '{entry.Name}' is not a regular file or appears twice";
                return false;
            }

            if (entry.Length != file.Size || entry.DataStream is null && file.Size != 0)
            {
                reason = $"size mismatch for {path}: manifest says {file.Size} bytes, the bundle holds {entry.Length}";
                return false;
            }

            var actual = HashEntry(entry, file, extractTo, buffer);
            if (!string.Equals(actual, file.Sha256, StringComparison.Ordinal))
            {
                reason = $"hash mismatch for {path}: manifest says {file.Sha256}, the bundle holds {actual}";
                return false;
            }
        }

        var missing = manifest.Files.FirstOrDefault(f => !seen.Contains(f.Path));
        if (missing is not null)
        {
            reason = $"the bundle lacks {missing.Path}, which the manifest lists";
            return false;
        }

        reason = "";
        return true;
    }

    private static string HashEntry(TarEntry entry, BundleFile file, string? extractTo, byte[] buffer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        FileStream? output = null;
        if (extractTo is not null)
        {
            var target = Path.Combine(extractTo, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var mode = ManifestParser.TryParseMode(file.Mode, out var listed) ? listed : UnixFileMode.UserRead;
            output = new FileStream(target, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = mode | UnixFileMode.UserWrite,
            });
        }

        using (output)
        {
            if (entry.DataStream is { } data)
            {
                int read;
                while ((read = data.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    output?.Write(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool TryReadSmall(TarEntry? entry, string name, int maxBytes, out byte[] bytes, out string reason)
    {
        bytes = [];
        if (entry is null || entry.Name != name || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            reason = $"not a release bundle: expected {name} as the {(name == BundlePaths.Manifest ? "first" : "second")} entry, found '{entry?.Name}'";
            return false;
        }

        if (entry.Length > maxBytes || entry.DataStream is null)
        {
            reason = $"{name} is {entry.Length} bytes (at most {maxBytes})";
            return false;
        }

        bytes = new byte[entry.Length];
        entry.DataStream.ReadExactly(bytes);
        reason = "";
        return true;
    }
}
