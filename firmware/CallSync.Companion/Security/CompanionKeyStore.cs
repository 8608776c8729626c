using System.Text.Json;
using CallSync.Contracts;

namespace CallSync.Companion.Security;

/// <summary>
/// The phone's paired companions: one JSON file per companion in <c>&lt;DataDir&gt;/companions/</c>
/// (directory 0700, files 0600). Thread-safe for the few writes pairing and unpairing make.
/// </summary>
public sealed class CompanionKeyStore
{
    private readonly Lock _gate = new();

    /// <summary>Creates a store under <paramref name="dataDirectory"/>.</summary>
    public CompanionKeyStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        DirectoryPath = Path.Combine(dataDirectory, "companions");
    }

    /// <summary>Where the key files live.</summary>
    public string DirectoryPath { get; }

    /// <summary>True for ids the phone could have assigned (32 lowercase hex digits), so ids never become paths.</summary>
    public static bool IsValidId(string companionId) =>
        companionId is { Length: 32 } && companionId.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>The paired companion with this id, or null.</summary>
    public PairedCompanion? Find(string companionId)
    {
        if (!IsValidId(companionId))
        {
            return null;
        }

        lock (_gate)
        {
            string path = PathOf(companionId);
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                var stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), CompanionJsonContext.Default.StoredCompanion);
                return stored is null || stored.LongTermKey.Length != PairingCrypto.KeySize
                    ? null
                    : new PairedCompanion(stored.CompanionId, stored.AppUserId, stored.Name, stored.PairedAt, stored.LongTermKey);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Every paired companion.</summary>
    public IReadOnlyList<PairedCompanion> List()
    {
        if (!Directory.Exists(DirectoryPath))
        {
            return [];
        }

        var result = new List<PairedCompanion>();
        foreach (string file in Directory.EnumerateFiles(DirectoryPath, "*.json"))
        {
            if (Find(Path.GetFileNameWithoutExtension(file)) is { } companion)
            {
                result.Add(companion);
            }
        }

        return result;
    }

    /// <summary>Stores (or replaces) a companion's key.</summary>
    public void Save(PairedCompanion companion)
    {
        ArgumentNullException.ThrowIfNull(companion);
        if (!IsValidId(companion.CompanionId))
        {
            throw new ArgumentException("companion id must be 32 lowercase hex digits", nameof(companion));
        }

        var stored = new StoredCompanion
        {
            CompanionId = companion.CompanionId,
            AppUserId = companion.AppUserId,
            Name = companion.Name,
            PairedAt = companion.PairedAt,
            LongTermKey = companion.LongTermKey,
        };
        lock (_gate)
        {
            SecureFile.WriteAllBytes(PathOf(companion.CompanionId), JsonSerializer.SerializeToUtf8Bytes(stored, CompanionJsonContext.Default.StoredCompanion));
        }
    }

    /// <summary>Forgets a companion; false when it was not paired.</summary>
    public bool Remove(string companionId)
    {
        if (!IsValidId(companionId))
        {
            return false;
        }

        lock (_gate)
        {
            string path = PathOf(companionId);
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
    }

    private string PathOf(string companionId) => Path.Combine(DirectoryPath, companionId + ".json");
}
