using CallSync.Contracts;

namespace CallSync.Records.Tests.Contracts;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("+49 (30) 1234-567", "+49301234567")]
    [InlineData("0049 30 123", "004930123")]
    [InlineData("201", "201")]
    [InlineData("  030/123.45  ", "03012345")]
    [InlineData("sip:+4930123@pbx.example.com;user=phone", "+4930123")]
    [InlineData("tel:+1-201-555-0123", "+12015550123")]
    public void Normalize_WithSeparatorsOrScheme_ReturnsDigitsWithOptionalPlus(string raw, string expected)
    {
        Assert.Equal(expected, PhoneNumbers.Normalize(raw));
    }

    [Theory]
    [InlineData("")]
    [InlineData("anonymous")]
    [InlineData("*21#")]
    [InlineData("12+34")]
    [InlineData("+")]
    [InlineData("sip:alice@example.com")]
    public void Normalize_NotANumber_ReturnsNull(string raw)
    {
        Assert.Null(PhoneNumbers.Normalize(raw));
    }

    [Fact]
    public void IsDiallable_TooManyDigits_ReturnsFalse()
    {
        Assert.False(PhoneNumbers.IsDiallable(new string('1', PhoneNumbers.MaxDialDigits + 1), out _));
        Assert.True(PhoneNumbers.IsDiallable("+" + new string('1', PhoneNumbers.MaxDialDigits), out string n));
        Assert.Equal(PhoneNumbers.MaxDialDigits + 1, n.Length);
    }
}
