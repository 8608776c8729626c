using CallSync.Sip.Authentication;

namespace CallSync.Sip.Tests.Authentication;

public sealed class DigestAuthenticatorTests
{
    [Fact]
    public void Compute_Rfc2617Example_MatchesPublishedResponse()
    {
        var response = DigestResponse.Compute(
            DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Compute_Rfc7616Example_MatchesPublishedResponse(DigestAlgorithm algorithm, string expected)
    {
        var response = DigestResponse.Compute(
            algorithm, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth", "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        Assert.Equal(expected, response);
    }

    [Fact]
    public void TryParse_FullChallenge_ReadsAllParameters()
    {
        const string header = "Digest realm=\"example.com\", qop=\"auth,auth-int\", algorithm=SHA-256, nonce=\"abc\\\"d\", opaque=\"xyz\", stale=TRUE";
        Assert.True(DigestChallenge.TryParse(header, isProxy: true, out var c));
        Assert.Equal("example.com", c!.Realm);
        Assert.Equal("abc\"d", c.Nonce);
        Assert.Equal("xyz", c.Opaque);
        Assert.Equal(DigestAlgorithm.Sha256, c.Algorithm);
        Assert.True(c.QopAuth);
        Assert.True(c.Stale);
        Assert.True(c.IsProxy);
    }

    [Theory]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest nonce=\"n\"")]
    [InlineData("Digest realm=\"x\"")]
    [InlineData("Digest realm=\"x, nonce=\"n")]
    [InlineData("Digest realm=\"x\", nonce=\"n\", algorithm=MD5-sess")]
    [InlineData("Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\"")]
    [InlineData("Digestrealm=\"x\", nonce=\"n\"")]
    [InlineData("")]
    public void TryParse_UnusableChallenge_ReturnsFalse(string header)
    {
        Assert.False(DigestChallenge.TryParse(header, false, out _));
    }

    [Fact]
    public void Authorize_QopAuth_CountsNonceUsesAndVerifies()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", opaque=\"op\"", false, out var c));
        var auth = new DigestAuthenticator(new DigestCredentials("1001", "secret"), () => "cafe");
        Assert.True(auth.Accept([c!]));
        var first = Assert.Single(auth.Authorize("REGISTER", "sip:example.com"));
        var second = Assert.Single(auth.Authorize("REGISTER", "sip:example.com"));
        Assert.Equal("Authorization", first.HeaderName);
        Assert.Contains("nc=00000001", first.Value, StringComparison.Ordinal);
        Assert.Contains("nc=00000002", second.Value, StringComparison.Ordinal);
        Assert.Contains("opaque=\"op\"", first.Value, StringComparison.Ordinal);
        Assert.Contains("cnonce=\"cafe\"", first.Value, StringComparison.Ordinal);
        var expected = DigestResponse.Compute(DigestAlgorithm.Md5, "1001", "r", "secret", "REGISTER", "sip:example.com", "n1", "auth", "00000001", "cafe");
        Assert.Contains($"response=\"{expected}\"", first.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", first.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorize_NoQop_UsesRfc2069Form()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\"", true, out var c));
        var auth = new DigestAuthenticator(new DigestCredentials("u", "p"));
        auth.Accept([c!]);
        var h = Assert.Single(auth.Authorize("INVITE", "sip:2000@r"));
        Assert.Equal("Proxy-Authorization", h.HeaderName);
        Assert.DoesNotContain("qop", h.Value, StringComparison.Ordinal);
        Assert.Contains($"response=\"{DigestResponse.Compute(DigestAlgorithm.Md5, "u", "r", "p", "INVITE", "sip:2000@r", "n", null, null, null)}\"", h.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_SecondChallengeAfterFreshAnswer_MeansRefused()
    {
        DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"", false, out var c1);
        DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\"", false, out var c2);
        var auth = new DigestAuthenticator(new DigestCredentials("u", "wrong"));
        Assert.True(auth.Accept([c1!]));
        auth.Authorize("REGISTER", "sip:r");
        Assert.False(auth.Accept([c2!]));
    }

    [Fact]
    public void Accept_StaleChallenge_RetriesWithNewNonceAndResetsCount()
    {
        DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"", false, out var c1);
        DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\", stale=true", false, out var c2);
        var auth = new DigestAuthenticator(new DigestCredentials("u", "p"));
        auth.Accept([c1!]);
        auth.Authorize("REGISTER", "sip:r");
        Assert.True(auth.Accept([c2!]));
        var h = Assert.Single(auth.Authorize("REGISTER", "sip:r"));
        Assert.Contains("nonce=\"n2\"", h.Value, StringComparison.Ordinal);
        Assert.Contains("nc=00000001", h.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_ChallengeAfterPreemptiveReuse_Retries()
    {
        DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"", false, out var c1);
        DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\"", false, out var c2);
        var auth = new DigestAuthenticator(new DigestCredentials("u", "p"));
        auth.Accept([c1!]);
        auth.Authorize("REGISTER", "sip:r"); // answered fresh, accepted by the server
        auth.Authorize("REGISTER", "sip:r"); // refresh reusing the nonce: the server may want a new one
        Assert.True(auth.Accept([c2!]));
    }

    [Fact]
    public void ToString_Credentials_HidesPassword()
    {
        Assert.DoesNotContain("hunter2", new DigestCredentials("alice", "hunter2").ToString(), StringComparison.Ordinal);
    }
}
