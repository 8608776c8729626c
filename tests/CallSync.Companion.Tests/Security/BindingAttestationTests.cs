using System.Text;
using CallSync.Companion.Security;
using CallSync.Contracts;

namespace CallSync.Companion.Tests.Security;

public sealed class BindingAttestationTests
{
    private static readonly BindingAttestation Sample = new(
        "dev-0042", "+4930123456", "user-7", "0123456789abcdef0123456789abcdef", new DateTimeOffset(2026, 11, 23, 19, 5, 7, TimeSpan.Zero));

    [Fact]
    public void ToCanonicalJson_SortedKeysNoWhitespace_ExactBytes()
    {
        string json = Encoding.UTF8.GetString(Sample.ToCanonicalJson());

        Assert.Equal(
            "{\"appUserId\":\"user-7\",\"companionId\":\"0123456789abcdef0123456789abcdef\",\"deviceId\":\"dev-0042\","
            + "\"deviceNumber\":\"+4930123456\",\"issuedAt\":\"2026-11-23T19:05:07Z\"}",
            json);
    }

    [Fact]
    public void Verify_SignedByDevice_TrueAndParsesBack()
    {
        using var device = CompanionIdentity.CreateEphemeral("dev-0042", "+4930123456");
        byte[] json = Sample.ToCanonicalJson();
        byte[] signature = device.Sign(json);

        Assert.Equal(64, signature.Length);
        Assert.True(BindingAttestation.Verify(json, signature, device.PublicKeySpki));
        Assert.True(BindingAttestation.TryParse(json, out var parsed));
        Assert.Equal(Sample, parsed);
    }

    [Fact]
    public void Verify_AlteredJsonOrOtherKey_False()
    {
        using var device = CompanionIdentity.CreateEphemeral("dev-0042", "+4930123456");
        using var other = CompanionIdentity.CreateEphemeral("dev-0043", "1");
        byte[] json = Sample.ToCanonicalJson();
        byte[] signature = device.Sign(json);
        byte[] altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json).Replace("user-7", "user-8", StringComparison.Ordinal));

        Assert.False(BindingAttestation.Verify(altered, signature, device.PublicKeySpki));
        Assert.False(BindingAttestation.Verify(json, signature, other.PublicKeySpki));
    }

    [Fact]
    public void LoadOrCreate_SecondTime_SameKeyAndFileIsOwnerOnly()
    {
        string dir = Directory.CreateTempSubdirectory("identity-").FullName;
        try
        {
            byte[] first;
            using (var identity = CompanionIdentity.LoadOrCreate(dir, "dev-1", "100"))
            {
                first = identity.PublicKeySpki;
            }

            using var again = CompanionIdentity.LoadOrCreate(dir, "dev-1", "100");
            Assert.Equal(first, again.PublicKeySpki);
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(dir, CompanionIdentity.SigningKeyFileName)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
