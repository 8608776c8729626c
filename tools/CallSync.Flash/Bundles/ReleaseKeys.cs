using System.Security.Cryptography;

namespace CallSync.Flash.Bundles;

/// <summary>
/// Release keys: ECDSA P-256 with SHA-256, signatures in IEEE P1363 form (64 bytes) and base64 in manifest.sig.
/// The private key is PKCS#8 PEM (0600), the public key SubjectPublicKeyInfo PEM.
/// </summary>
internal static class ReleaseKeys
{
    public const string PrivateFileName = "release-key.pem";
    public const string PublicFileName = "release-key.pub.pem";

    /// <summary>Where boards and the tool look for trusted keys when no <c>--trust</c> is given.</summary>
    public const string SystemTrustDirectory = "/etc/callsync/release-keys";

    /// <summary>A PEM file larger than this is not a key.</summary>
    private const int MaxPemBytes = 16 * 1024;

    private const int SignatureBytes = 64;

    /// <summary>Writes a new key pair into <paramref name="directory"/>; refuses to replace an existing key.</summary>
    /// <exception cref="IOException">A key file exists already or cannot be written.</exception>
    public static (string PrivatePath, string PublicPath) Generate(string directory)
    {
        Directory.CreateDirectory(directory);
        var privatePath = Path.Combine(directory, PrivateFileName);
        var publicPath = Path.Combine(directory, PublicFileName);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // CreateNew with the mode set at creation: the private key is never readable by others, not even briefly.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(new FileStream(privatePath, options)))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        using (var writer = new StreamWriter(new FileStream(publicPath, options)))
        {
            writer.Write(key.ExportSubjectPublicKeyInfoPem());
        }

        return (privatePath, publicPath);
    }

    /// <summary>Signs <paramref name="data"/> with the PKCS#8 PEM key at <paramref name="privateKeyPath"/>.</summary>
    public static bool TrySign(string privateKeyPath, ReadOnlySpan<byte> data, out string signatureBase64, out string reason)
    {
        signatureBase64 = "";
        if (!TryReadPem(privateKeyPath, out var pem, out reason))
        {
            return false;
        }

        if ((File.GetUnixFileMode(privateKeyPath) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            reason = $"{privateKeyPath} is readable by others: chmod 0600 it (and consider the key exposed)";
            return false;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            reason = $"{privateKeyPath} is not an ECDSA private key PEM: {ex.Message}";
            return false;
        }

        if (key.KeySize != 256)
        {
            reason = $"{privateKeyPath} is a {key.KeySize}-bit key; release keys are P-256";
            return false;
        }

        signatureBase64 = Convert.ToBase64String(key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        return true;
    }

    /// <summary>
    /// Loads the trusted public keys: the given files, or every *.pem in <see cref="SystemTrustDirectory"/> when
    /// none is given. Fails with a reason when a file is unreadable or no key is found.
    /// </summary>
    public static bool TryLoadTrusted(IReadOnlyList<string> files, out IReadOnlyList<TrustedKey> keys, out string reason)
    {
        var paths = files.Count > 0
            ? files
            : Directory.Exists(SystemTrustDirectory) ? Directory.GetFiles(SystemTrustDirectory, "*.pem").Order(StringComparer.Ordinal).ToArray() : [];
        var loaded = new List<TrustedKey>();
        keys = loaded;
        foreach (var path in paths)
        {
            if (!TryReadPem(path, out var pem, out reason))
            {
                return false;
            }

            try
            {
                var key = ECDsa.Create();
                key.ImportFromPem(pem);
                if (key.KeySize != 256)
                {
                    key.Dispose();
                    reason = $"{path} is a {key.KeySize}-bit key; release keys are P-256";
                    return false;
                }

                loaded.Add(new TrustedKey(path, key));
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                reason = $"{path} is not an ECDSA public key PEM: {ex.Message}";
                return false;
            }
        }

        if (loaded.Count == 0)
        {
            reason = $"no trusted release key: give --trust FILE or install keys in {SystemTrustDirectory}";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>Whether one of <paramref name="keys"/> signed <paramref name="data"/>; the key's file when so.</summary>
    public static bool TryVerify(IReadOnlyList<TrustedKey> keys, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureText, out string signer)
    {
        signer = "";
        Span<byte> signature = stackalloc byte[SignatureBytes + 4];
        var text = System.Text.Encoding.ASCII.GetString(signatureText).Trim();
        if (text.Length > 128 || !Convert.TryFromBase64String(text, signature, out var length) || length != SignatureBytes)
        {
            return false;
        }

        foreach (var key in keys)
        {
            if (key.Key.VerifyData(data, signature[..length], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                signer = key.Path;
                return true;
            }
        }

        return false;
    }

    private static bool TryReadPem(string path, out string pem, out string reason)
    {
        pem = "";
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                reason = $"{path}: no such file";
                return false;
            }

            if (info.Length > MaxPemBytes)
            {
                reason = $"{path} is {info.Length} bytes: not a key";
                return false;
            }

            pem = File.ReadAllText(path);
            reason = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = $"{path}: {ex.Message}";
            return false;
        }
    }
}
