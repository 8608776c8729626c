using System.Security.Cryptography;
using System.Text;
using CallSync.Contracts;
using CallSync.Hub.Bindings;

namespace CallSync.Hub.Tests.Unit;

public sealed class AttestationVerifierTests
{
    /// <summary>The canonical form of docs/companion-protocol.md: ordinal key order, no whitespace, issuedAt to the second.</summary>
    internal static byte[] Canonical(string deviceId, string deviceNumber, string appUserId, string companionId, DateTimeOffset issuedAt) =>
        Encoding.UTF8.GetBytes(
            $"{{\"appUserId\":\"{appUserId}\",\"companionId\":\"{companionId}\",\"deviceId\":\"{deviceId}\",\"deviceNumber\":\"{deviceNumber}\"," +
            $"\"issuedAt\":\"{issuedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\"}}");

    internal static byte[] Sign(ECDsa key, byte[] data) =>
        key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Fact]
    public void TryVerify_SignedByDevice_ReturnsClaims()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var json = Canonical("desk-1", "2001", "alice", "comp-7", issued);
        Assert.True(AttestationVerifier.TryVerify(json, Sign(key, json), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), out var claims));
        Assert.Equal(new BindingAttestation("desk-1", "2001", "alice", "comp-7", issued), claims);
    }

    [Fact]
    public void TryVerify_OneByteChanged_ReturnsFalse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var json = Canonical("desk-1", "2001", "alice", "comp-7", DateTimeOffset.UnixEpoch);
        var signature = Sign(key, json);
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json).Replace("alice", "mallo", StringComparison.Ordinal));
        Assert.False(AttestationVerifier.TryVerify(forged, signature, Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), out _));
    }

    [Fact]
    public void TryVerify_OtherDevicesKey_ReturnsFalse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var json = Canonical("desk-1", "2001", "alice", "comp-7", DateTimeOffset.UnixEpoch);
        Assert.False(AttestationVerifier.TryVerify(json, Sign(key, json), Convert.ToBase64String(other.ExportSubjectPublicKeyInfo()), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("AAAA")]
    public void TryVerify_BadPublicKey_ReturnsFalse(string publicKey)
    {
        var json = Canonical("desk-1", "2001", "alice", "comp-7", DateTimeOffset.UnixEpoch);
        Assert.False(AttestationVerifier.TryVerify(json, new byte[64], publicKey, out _));
    }
}
