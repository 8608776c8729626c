using CallSync.Hub.Security;
using CallSync.Testing.Processes;

namespace CallSync.Hub.Tests.Security;

public sealed class MosquittoPasswordHashTests
{
    [Fact]
    public void Verify_HashWrittenByMosquittoPasswd_AcceptsRightSecretOnly()
    {
        var dir = Directory.CreateTempSubdirectory("callsync-passwd-").FullName;
        try
        {
            var file = Path.Combine(dir, "passwd");
            Tool.Run("mosquitto_passwd", "-c", "-b", file, "desk-1", "s3cret-from-the-real-tool");
            var stored = File.ReadAllText(file).Trim().Split(':', 2)[1];

            Assert.StartsWith("$7$", stored, StringComparison.Ordinal);
            Assert.True(MosquittoPasswordHash.Verify("s3cret-from-the-real-tool", stored));
            Assert.False(MosquittoPasswordHash.Verify("s3cret-from-the-real-tooL", stored));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Hash_OwnOutput_IsMosquittoFormatAndVerifies()
    {
        var stored = MosquittoPasswordHash.Hash("secret");
        var parts = stored.Split('$');

        Assert.Equal(["", "7", "101"], parts[..3]);
        Assert.Equal(12, Convert.FromBase64String(parts[3]).Length);
        Assert.Equal(64, Convert.FromBase64String(parts[4]).Length);
        Assert.True(MosquittoPasswordHash.Verify("secret", stored));
        Assert.NotEqual(stored, MosquittoPasswordHash.Hash("secret")); // a fresh salt each time
    }

    [Theory]
    [InlineData("")]
    [InlineData("$6$abc$def")]
    [InlineData("$7$x$AAAA$AAAA")]
    [InlineData("$7$101$!!!$AAAA")]
    [InlineData("$7$101$AAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("$7$99999999999$AAAA$AAAA")]
    public void Verify_MalformedStoredValue_FalseWithoutThrowing(string stored) =>
        Assert.False(MosquittoPasswordHash.Verify("secret", stored));
}
