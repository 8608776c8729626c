using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp;

public sealed class SdpCryptoAttributeTests
{
    // RFC 4568 section 4's example line.
    private const string Rfc4568Example = "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4";

    [Fact]
    public void TryParse_Rfc4568Example_AllPartsAndSameTextBack()
    {
        Assert.True(SdpCryptoAttribute.TryParse(Rfc4568Example, out SdpCryptoAttribute? crypto, out string? reason), reason);

        Assert.Equal(1, crypto.Tag);
        Assert.Equal("AES_CM_128_HMAC_SHA1_80", crypto.Suite);
        SdpCryptoKey key = Assert.Single(crypto.Keys);
        Assert.Equal(Convert.FromBase64String("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"), key.KeySalt.ToArray());
        Assert.Equal(30, key.KeySalt.Length);
        Assert.Equal(1UL << 20, key.Lifetime);
        Assert.Equal(1UL, key.MkiValue);
        Assert.Equal(4, key.MkiLength);
        Assert.Empty(crypto.SessionParameters);
        Assert.True(crypto.HasOnlyDefaultSessionParameters);
        Assert.Equal(Rfc4568Example, crypto.ToAttributeValue());
    }

    [Theory]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", null, 0UL, 0)]
    [InlineData("2 AES_CM_128_HMAC_SHA1_32 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1000", 1000UL, 0UL, 0)]
    [InlineData("3 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|7:1", null, 7UL, 1)]
    [InlineData("123456789 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31|65535:2", 1UL << 31, 65535UL, 2)]
    public void TryParse_LifetimeAndMkiVariants_ParsedAndWrittenBackTheSame(string value, ulong? lifetime, ulong mkiValue, int mkiLength)
    {
        Assert.True(SdpCryptoAttribute.TryParse(value, out SdpCryptoAttribute? crypto, out string? reason), reason);

        SdpCryptoKey key = Assert.Single(crypto.Keys);
        Assert.Equal(lifetime, key.Lifetime);
        Assert.Equal(mkiValue, key.MkiValue);
        Assert.Equal(mkiLength, key.MkiLength);
        Assert.Equal(value, crypto.ToAttributeValue());
    }

    [Fact]
    public void TryParse_DecimalPowerOfTwoLifetime_WrittenAsPower()
    {
        Assert.True(SdpCryptoAttribute.TryParse("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1048576", out SdpCryptoAttribute? crypto, out _));

        Assert.EndsWith("|2^20", crypto.ToAttributeValue(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TwoKeysWithMkiAndSessionParameters_KeepsThemInOrder()
    {
        string value = "5 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4;"
            + "inline:MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw|2^20|2:4 KDR=0 WSH=128";

        Assert.True(SdpCryptoAttribute.TryParse(value, out SdpCryptoAttribute? crypto, out string? reason), reason);

        Assert.Equal(2, crypto.Keys.Count);
        Assert.Equal([1UL, 2UL], crypto.Keys.Select(k => k.MkiValue));
        Assert.Equal(["KDR=0", "WSH=128"], crypto.SessionParameters);
        Assert.True(crypto.HasOnlyDefaultSessionParameters);
        Assert.Equal(value, crypto.ToAttributeValue());
    }

    [Theory]
    [InlineData("UNENCRYPTED_SRTP")]
    [InlineData("KDR=1")]
    [InlineData("FEC_ORDER=FEC_SRTP")]
    public void HasOnlyDefaultSessionParameters_AnyOtherParameter_False(string parameter)
    {
        Assert.True(SdpCryptoAttribute.TryParse(Rfc4568Example + " " + parameter, out SdpCryptoAttribute? crypto, out _));

        Assert.False(crypto.HasOnlyDefaultSessionParameters);
    }

    [Fact]
    public void TryParse_Base64WithoutPadding_Accepted()
    {
        // 28 bytes (AEAD_AES_128_GCM's key||salt) need one '=' of padding; some peers leave it out.
        string base64 = Convert.ToBase64String(new byte[28].Select((_, i) => (byte)i).ToArray());
        Assert.EndsWith("=", base64, StringComparison.Ordinal);

        Assert.True(SdpCryptoAttribute.TryParse("1 AEAD_AES_128_GCM inline:" + base64.TrimEnd('='), out SdpCryptoAttribute? crypto, out string? reason), reason);

        Assert.Equal(28, crypto.Keys[0].KeySalt.Length);
        Assert.Equal(27, crypto.Keys[0].KeySalt[27]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80", "not <tag>")]
    [InlineData("1234567890 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "tag")]
    [InlineData("x AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "tag")]
    [InlineData("1 AES-CM inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "crypto-suite")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 uri:https://example.com/key", "inline")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:", "base64")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:!!!!", "base64")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|", "lifetime")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^64", "lifetime")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|0", "lifetime")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|2^10", "lifetime")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1:4|2^20", "lifetime")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1:0", "MKI")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1:129", "MKI")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|256:1", "MKI")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1:4:5", "MKI")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz;inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "MKI")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz KDR=\u00e9", "visible")]
    public void TryParse_Malformed_FalseWithAReason(string value, string reasonMentions)
    {
        Assert.False(SdpCryptoAttribute.TryParse(value, out SdpCryptoAttribute? crypto, out string? reason));

        Assert.Null(crypto);
        Assert.Contains(reasonMentions, reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TryParse_OverSizeCaps_FalseWithAReason()
    {
        string key = "inline:" + Convert.ToBase64String(new byte[65]);
        Assert.False(SdpCryptoAttribute.TryParse("1 AES_256_CM_HMAC_SHA1_80 " + key, out _, out string? reason));
        Assert.Contains("1-64 bytes", reason, StringComparison.Ordinal);

        Assert.False(SdpCryptoAttribute.TryParse(Rfc4568Example + " " + new string('A', 1100), out _, out reason));
        Assert.Contains("longer than", reason, StringComparison.Ordinal);

        string manyKeys = string.Join(';', Enumerable.Range(1, 9).Select(i => $"inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|{i}:1"));
        Assert.False(SdpCryptoAttribute.TryParse("1 AES_CM_128_HMAC_SHA1_80 " + manyKeys, out _, out reason));
        Assert.Contains("more than 8 keys", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EveryPrefixAndByteMutation_NeverThrows()
    {
        string line = Rfc4568Example + " KDR=0 WSH=64";
        for (int n = 0; n <= line.Length; n++)
        {
            _ = SdpCryptoAttribute.TryParse(line[..n], out _, out _);
        }

        uint state = 12345;
        char[] alphabet = " |:;^=+/0123456789AZaz_\t\u00ff".ToCharArray();
        for (int round = 0; round < 5000; round++)
        {
            char[] mutated = line.ToCharArray();
            for (int k = 0; k < 3; k++)
            {
                state = (state * 1_103_515_245) + 12_345;
                int at = (int)(state >> 8) % mutated.Length;
                mutated[at] = alphabet[(int)(state >> 20) % alphabet.Length];
            }

            bool parsed = SdpCryptoAttribute.TryParse(new string(mutated), out SdpCryptoAttribute? crypto, out string? reason);
            Assert.True(parsed ? crypto is not null && reason is null : crypto is null && reason is not null);
        }
    }

    [Fact]
    public void CreateWithRandomKey_EachCall_FreshKeyThatSurvivesTheWire()
    {
        SdpCryptoAttribute first = SdpCryptoAttribute.CreateWithRandomKey(1, "AES_CM_128_HMAC_SHA1_80", 30);
        SdpCryptoAttribute second = SdpCryptoAttribute.CreateWithRandomKey(1, "AES_CM_128_HMAC_SHA1_80", 30);

        Assert.Equal(30, first.Keys[0].KeySalt.Length);
        Assert.False(first.Keys[0].KeySalt.SequenceEqual(second.Keys[0].KeySalt));
        Assert.True(SdpCryptoAttribute.TryParse(first.ToAttributeValue(), out SdpCryptoAttribute? back, out _));
        Assert.True(back.Keys[0].KeySalt.SequenceEqual(first.Keys[0].KeySalt));
    }

    [Fact]
    public void Constructors_ValuesTheWireCannotCarry_Throw()
    {
        byte[] key = new byte[30];

        Assert.Throws<ArgumentException>(() => new SdpCryptoKey([]));
        Assert.Throws<ArgumentException>(() => new SdpCryptoKey(key, lifetime: 0));
        Assert.Throws<ArgumentException>(() => new SdpCryptoKey(key, mkiValue: 256, mkiLength: 1));
        Assert.Throws<ArgumentException>(() => new SdpCryptoAttribute(1, "AES-CM", [new SdpCryptoKey(key)]));
        Assert.Throws<ArgumentException>(() => new SdpCryptoAttribute(1, "AES_CM_128_HMAC_SHA1_80", []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SdpCryptoAttribute(1_000_000_000, "AES_CM_128_HMAC_SHA1_80", [new SdpCryptoKey(key)]));
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        Assert.True(SdpCryptoAttribute.TryParse(Rfc4568Example, out SdpCryptoAttribute? crypto, out _));

        string text = crypto.ToString();

        Assert.DoesNotContain("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", text, StringComparison.Ordinal);
        Assert.Contains("<30 bytes>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PS1uQCVe", crypto.Keys[0].ToString(), StringComparison.Ordinal);
    }
}
