using CallSync.Hub.Bindings;

namespace CallSync.Hub.Tests.Unit;

public sealed class NumberPatternTests
{
    [Theory]
    [InlineData("2001", "2001", true)]
    [InlineData("2001", "2002", false)]
    [InlineData("20??", "2042", true)]
    [InlineData("20??", "204", false)]
    [InlineData("20??", "20421", false)]
    [InlineData("+4930*", "+4930123", true)]
    [InlineData("+4930*", "+4931123", false)]
    [InlineData("*", "anything", true)]
    public void Matches_Pattern_ReturnsExpected(string pattern, string number, bool expected)
    {
        Assert.Equal(expected, NumberPattern.Matches(pattern, number));
    }

    [Theory]
    [InlineData("20*1", false)]
    [InlineData("", false)]
    [InlineData("20*", true)]
    public void IsValid_Pattern_ReturnsExpected(string pattern, bool expected)
    {
        Assert.Equal(expected, NumberPattern.IsValid(pattern));
    }
}
