using CallSync.Companion.Security;

namespace CallSync.Companion.Tests.Security;

public sealed class PairingCryptoTests
{
    [Fact]
    public void DeriveLongTermKey_BothSides_AgreeAndCodeIsSixDigits()
    {
        using var companion = PairingCrypto.CreateKeyPair();
        using var phone = PairingCrypto.CreateKeyPair();
        byte[] pkC = PairingCrypto.ExportPublicKey(companion);
        byte[] pkP = PairingCrypto.ExportPublicKey(phone);
        byte[] nc = PairingCrypto.NewNonce();
        byte[] np = PairingCrypto.NewNonce();
        Assert.True(PairingCrypto.TryImportPublicKey(pkC, out var pkCImported));
        Assert.True(PairingCrypto.TryImportPublicKey(pkP, out var pkPImported));

        byte[] ltkPhone = PairingCrypto.DeriveLongTermKey(PairingCrypto.SharedSecret(phone, pkCImported!), pkC, pkP, nc, np);
        byte[] ltkCompanion = PairingCrypto.DeriveLongTermKey(PairingCrypto.SharedSecret(companion, pkPImported!), pkC, pkP, nc, np);

        Assert.Equal(ltkPhone, ltkCompanion);
        string code = PairingCrypto.FormatCode(PairingCrypto.DeriveCode(pkC, pkP, nc, np));
        Assert.Matches("^[0-9]{6}$", code);
    }

    [Fact]
    public void TryImportPublicKey_PointNotOnCurve_ReturnsFalse()
    {
        byte[] bogus = new byte[65];
        bogus[0] = 0x04;
        bogus[64] = 7;
        Assert.False(PairingCrypto.TryImportPublicKey(bogus, out _));
        Assert.False(PairingCrypto.TryImportPublicKey(new byte[10], out _));
    }

    [Fact]
    public void DeriveCode_DifferentNonce_ChangesCode()
    {
        byte[] pk = new byte[65];
        byte[] nonce = new byte[16];
        int first = PairingCrypto.DeriveCode(pk, pk, nonce, nonce);
        int changes = 0;
        for (int i = 0; i < 16; i++)
        {
            byte[] other = new byte[16];
            other[i] = 1;
            changes += PairingCrypto.DeriveCode(pk, pk, other, nonce) != first ? 1 : 0;
        }

        Assert.Equal(16, changes);
    }
}
