using CallSync.Companion.Security;

namespace CallSync.Companion.Tests.Security;

public sealed class CompanionKeyStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Save_TwoCompanions_BothFoundWithOwnerOnlyFiles()
    {
        var store = new CompanionKeyStore(_dir);
        var a = new PairedCompanion(new string('a', 32), "u1", "A", DateTimeOffset.UnixEpoch, new byte[32]);
        var b = new PairedCompanion(new string('b', 32), "u2", "B", DateTimeOffset.UnixEpoch, Enumerable.Repeat((byte)9, 32).ToArray());

        store.Save(a);
        store.Save(b);

        Assert.Equal(2, store.List().Count);
        Assert.Equal(b.LongTermKey, store.Find(b.CompanionId)!.LongTermKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.DirectoryPath, a.CompanionId + ".json")));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(store.DirectoryPath));
    }

    [Fact]
    public void Find_PathLikeId_ReturnsNull()
    {
        var store = new CompanionKeyStore(_dir);
        Assert.Null(store.Find("../../etc/passwd"));
        Assert.False(store.Remove("../x"));
    }

    [Fact]
    public void ToString_PairedCompanion_DoesNotPrintKey()
    {
        var companion = new PairedCompanion(new string('a', 32), "u1", "A", DateTimeOffset.UnixEpoch, [0xDE, 0xAD]);
        Assert.DoesNotContain("LongTermKey", companion.ToString(), StringComparison.Ordinal);
    }
}
