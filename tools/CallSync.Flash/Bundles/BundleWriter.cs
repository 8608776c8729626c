using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CallSync.Flash.Bundles;

/// <summary>Makes a signed bundle from a staging directory that mirrors <c>payload/</c>.</summary>
internal static class BundleWriter
{
    /// <summary>
    /// Hashes every file under <paramref name="stageDirectory"/>, writes and signs the manifest, and writes the tar to
    /// <paramref name="outputPath"/> (through a temporary file, so a failed run leaves no half bundle).
    /// </summary>
    public static bool TryWrite(string stageDirectory, BundleIdentity identity, string privateKeyPath, string outputPath,
        TimeProvider time, out BundleManifest? manifest, out string reason)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(time);
        manifest = null;
        if (!Directory.Exists(stageDirectory))
        {
            reason = $"{stageDirectory}: no such directory";
            return false;
        }

        if (!TryListFiles(stageDirectory, out var files, out reason))
        {
            return false;
        }

        var created = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var candidate = new BundleManifest(BundleManifest.CurrentFormat, identity.Version, identity.Commit, identity.Board, identity.Rid, created, files);
        if (!ManifestParser.TryCheck(candidate, out reason))
        {
            reason = $"staging directory {stageDirectory}: {reason}";
            return false;
        }

        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(candidate, BundleJsonContext.Default.BundleManifest);
        if (!ReleaseKeys.TrySign(privateKeyPath, manifestBytes, out var signature, out reason))
        {
            return false;
        }

        var temporary = outputPath + ".partial";
        try
        {
            WriteTar(temporary, stageDirectory, manifestBytes, signature, candidate, time.GetUtcNow());
            File.Move(temporary, outputPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            reason = $"cannot write {outputPath}: {ex.Message}";
            return false;
        }

        manifest = candidate;
        return true;
    }

    private static bool TryListFiles(string stageDirectory, out List<BundleFile> files, out string reason)
    {
        files = [];
        var root = Path.GetFullPath(stageDirectory);
        foreach (var full in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(full);
            if (info.LinkTarget is not null)
            {
                reason = $"{relative} is a symbolic link: a bundle carries regular files only";
                return false;
            }

            if (!BundlePaths.IsSafe(relative))
            {
                reason = $"{relative}: a path a bundle cannot carry (letters, digits, / . - _ + only)";
                return false;
            }

            using var stream = info.OpenRead();
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            var mode = info.UnixFileMode;
            files.Add(new BundleFile(relative, info.Length, hash, ManifestParser.FormatMode(mode)));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        reason = "";
        return true;
    }

    private static void WriteTar(string path, string stageDirectory, byte[] manifestBytes, string signature, BundleManifest manifest,
        DateTimeOffset now)
    {
        using var output = File.Create(path);
        using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: false);
        var readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        AddBytes(tar, BundlePaths.Manifest, manifestBytes, readOnly, now);
        AddBytes(tar, BundlePaths.Signature, System.Text.Encoding.ASCII.GetBytes(signature + "\n"), readOnly, now);
        foreach (var file in manifest.Files)
        {
            var mode = ManifestParser.TryParseMode(file.Mode, out var listed) ? listed : UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var content = File.OpenRead(Path.Combine(stageDirectory, file.Path));
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, BundlePaths.PayloadPrefix + file.Path)
            {
                DataStream = content,
                Mode = mode,
                ModificationTime = now,
            });
        }
    }

    private static void AddBytes(TarWriter tar, string name, byte[] bytes, UnixFileMode mode, DateTimeOffset now)
    {
        using var content = new MemoryStream(bytes, writable: false);
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = content, Mode = mode, ModificationTime = now });
    }
}
