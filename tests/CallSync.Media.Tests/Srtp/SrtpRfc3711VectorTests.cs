using System.Buffers.Binary;
using CallSync.Media.Srtp;

namespace CallSync.Media.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), exactly.</summary>
public sealed class SrtpRfc3711VectorTests
{
    [Fact]
    public void AesCounterKeystream_AppendixB2_MatchesEveryListedBlock()
    {
        using var aes = new AesCounterKeystream(Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"); // salt·2^16 XOR SSRC 0 XOR index 0
        var keystream = new byte[65282 * 16];

        aes.Apply(BinaryPrimitives.ReadUInt64BigEndian(iv), BinaryPrimitives.ReadUInt64BigEndian(iv.AsSpan(8)), keystream);

        Assert.Equal("E03EAD0935C95E80E166B16DD92B4EB4", Block(keystream, 0x0000));
        Assert.Equal("D23513162B02D0F72A43A2FE4A5F97AB", Block(keystream, 0x0001));
        Assert.Equal("41E95B3BB0A2E8DD477901E4FCA894C0", Block(keystream, 0x0002));
        Assert.Equal("EC8CDF7398607CB0F2D21675EA9EA1E4", Block(keystream, 0xFEFF));
        Assert.Equal("362B7C3C6773516318A077D7FC5073AE", Block(keystream, 0xFF00));
        Assert.Equal("6A2CC3787889374FBEB4C81B17BA6C44", Block(keystream, 0xFF01));
    }

    [Fact]
    public void AesCounterKeystream_DataNotMultipleOfBlock_XorsOnlyItsBytes()
    {
        using var aes = new AesCounterKeystream(Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        var data = new byte[21];

        aes.Apply(BinaryPrimitives.ReadUInt64BigEndian(iv), BinaryPrimitives.ReadUInt64BigEndian(iv.AsSpan(8)), data);

        Assert.Equal("E03EAD0935C95E80E166B16DD92B4EB4D23513162B", Convert.ToHexString(data));
    }

    [Fact]
    public void KeyDerivation_AppendixB3_CipherKeySaltAndAuthKeyMatch()
    {
        byte[] masterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");
        using var prf = new AesCounterKeystream(masterKey);
        var cipherKey = new byte[16];
        var cipherSalt = new byte[14];
        var authKey = new byte[94];

        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, cipherKey);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpSaltLabel, cipherSalt);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, authKey);

        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Convert.ToHexString(cipherKey));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Convert.ToHexString(cipherSalt));
        Assert.Equal(
            "CEBE321F6FF7716B6FD4AB49AF256A15" + "6D38BAA48F0A0ACF3C34E2359E6CDBCE" + "E049646C43D9327AD175578EF7227098" +
            "6371C10C9A369AC2F94A8C5FBCDDDC25" + "6D6E919A48B610EF17C2041E47403576" + "6B68642C59BBFC2F34DB60DBDFB2",
            Convert.ToHexString(authKey));
    }

    private static string Block(byte[] keystream, int block) => Convert.ToHexString(keystream, block * 16, 16);
}
