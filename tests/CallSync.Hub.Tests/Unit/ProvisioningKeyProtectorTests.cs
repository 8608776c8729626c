using CallSync.Hub.Security;

namespace CallSync.Hub.Tests.Unit;

public sealed class ProvisioningKeyProtectorTests
{
    private const string KeyA = "key-a-0123456789abcdefghijklmnopqrstuv";
    private const string KeyB = "key-b-0123456789abcdefghijklmnopqrstuv";
    private const string Clear = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    [Fact]
    public void TryUnprotect_SameKeyAndDevice_ReturnsTheKeyAndStoresNoClearText()
    {
        var protector = new ProvisioningKeyProtector(KeyA, null);
        var stored = protector.Protect("phone-1", Clear);

        Assert.StartsWith(ProvisioningKeyProtector.Prefix + protector.CurrentKeyId + ".", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Clear, stored, StringComparison.Ordinal);
        Assert.True(protector.TryUnprotect("phone-1", stored, out var opened));
        Assert.Equal(Clear, opened);
        Assert.NotEqual(stored, protector.Protect("phone-1", Clear)); // a fresh nonce each time
    }

    [Fact]
    public void TryUnprotect_ValueMovedToAnotherDevice_ReturnsFalse()
    {
        var protector = new ProvisioningKeyProtector(KeyA, null);
        Assert.False(protector.TryUnprotect("phone-2", protector.Protect("phone-1", Clear), out var opened));
        Assert.Empty(opened);
    }

    [Fact]
    public void TryUnprotect_OtherKey_ReturnsFalse()
    {
        var stored = new ProvisioningKeyProtector(KeyA, null).Protect("phone-1", Clear);
        Assert.False(new ProvisioningKeyProtector(KeyB, null).TryUnprotect("phone-1", stored, out _));
    }

    [Fact]
    public void TryUnprotect_PreviousKeyDuringRotation_OpensButIsNotCurrent()
    {
        var stored = new ProvisioningKeyProtector(KeyA, null).Protect("phone-1", Clear);
        var rotated = new ProvisioningKeyProtector(KeyB, KeyA);
        Assert.True(rotated.TryUnprotect("phone-1", stored, out var opened));
        Assert.Equal(Clear, opened);
        Assert.False(rotated.IsCurrent(stored));
        Assert.True(rotated.IsCurrent(rotated.Protect("phone-1", Clear)));
    }

    [Theory]
    [InlineData("pk1.")]
    [InlineData("pk1.00000000")]
    [InlineData("pk1.00000000.AAAA")]
    [InlineData("pk1.zz.!!!!")]
    [InlineData("not sealed")]
    public void TryUnprotect_Malformed_ReturnsFalseWithoutThrowing(string stored) =>
        Assert.False(new ProvisioningKeyProtector(KeyA, null).TryUnprotect("phone-1", stored, out _));

    [Fact]
    public void TryUnprotect_TamperedCiphertext_ReturnsFalse()
    {
        var protector = new ProvisioningKeyProtector(KeyA, null);
        var stored = protector.Protect("phone-1", Clear).ToCharArray();
        stored[^3] = stored[^3] == 'A' ? 'B' : 'A';
        Assert.False(protector.TryUnprotect("phone-1", new string(stored), out _));
    }

    [Fact]
    public void Protect_EmptyKey_StaysEmpty()
    {
        var protector = new ProvisioningKeyProtector(KeyA, null);
        Assert.Empty(protector.Protect("phone-1", string.Empty));
        Assert.True(protector.TryUnprotect("phone-1", string.Empty, out var opened));
        Assert.Empty(opened);
    }
}
