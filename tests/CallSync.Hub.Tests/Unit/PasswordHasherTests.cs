using CallSync.Hub.Security;

namespace CallSync.Hub.Tests.Unit;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_RightPassword_ReturnsTrue()
    {
        var hash = PasswordHasher.Hash("correct horse", 100_000);
        Assert.True(PasswordHasher.Verify("correct horse", hash));
    }

    [Fact]
    public void Verify_WrongPassword_ReturnsFalse()
    {
        var hash = PasswordHasher.Hash("correct horse", 100_000);
        Assert.False(PasswordHasher.Verify("correct horsE", hash));
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        var first = PasswordHasher.Hash("same", 100_000);
        var second = PasswordHasher.Hash("same", 100_000);
        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$100000$", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$x$a$b")]
    [InlineData("md5$1$a$b")]
    [InlineData("pbkdf2-sha256$100000$!!!$###")]
    public void Verify_MalformedHash_ReturnsFalse(string stored)
    {
        Assert.False(PasswordHasher.Verify("anything", stored));
    }

    [Fact]
    public void Hash_FewerThan100kIterations_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHasher.Hash("p", 99_999));
    }
}
