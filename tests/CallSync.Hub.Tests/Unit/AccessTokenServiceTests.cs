using System.Text;
using CallSync.Hub.Security;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Unit;

public sealed class AccessTokenServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private AccessTokenService Service(string secret = "0123456789abcdef0123456789abcdef") =>
        new(secret, TimeSpan.FromMinutes(30), _time);

    [Fact]
    public void TryValidate_FreshToken_ReturnsUserAndRole()
    {
        var service = Service();
        var (token, expires) = service.Issue("alice", UserRole.Admin);
        Assert.True(service.TryValidate(token, out var parsed));
        Assert.Equal("alice", parsed!.UserId);
        Assert.Equal(UserRole.Admin, parsed.Role);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), expires);
    }

    [Fact]
    public void TryValidate_AfterLifetime_ReturnsFalse()
    {
        var service = Service();
        var (token, _) = service.Issue("alice", UserRole.User);
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(service.TryValidate(token, out _));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(service.TryValidate(token, out _));
    }

    [Fact]
    public void TryValidate_PayloadChangedToAdmin_ReturnsFalse()
    {
        var service = Service();
        var (token, _) = service.Issue("alice", UserRole.User);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
        var forged = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("|user|", "|admin|", StringComparison.Ordinal)));
        Assert.False(service.TryValidate(forged + token[dot..], out _));
    }

    [Fact]
    public void TryValidate_OtherHubSecret_ReturnsFalse()
    {
        var (token, _) = Service("another-secret-another-secret-0000").Issue("alice", UserRole.User);
        Assert.False(Service().TryValidate(token, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("!!!.???")]
    public void TryValidate_Garbage_ReturnsFalse(string? token)
    {
        Assert.False(Service().TryValidate(token, out _));
    }
}
