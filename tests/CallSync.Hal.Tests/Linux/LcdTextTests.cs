using CallSync.Hal.Linux.Display;

namespace CallSync.Hal.Tests.Linux;

public sealed class LcdTextTests
{
    [Theory]
    [InlineData("1001  ready", 16, "1001  ready")]
    [InlineData("Talking Anna Maria Smith", 16, "Talking Anna")]      // the cut falls in "Maria": back to the space
    [InlineData("Talking Anna Maria Smith", 18, "Talking Anna Maria")] // the cut falls on a space
    [InlineData("Call from Alexander", 16, "Call from Alexan")]        // the space is too early: cut at the width
    [InlineData("Supercalifragilistic", 8, "Supercal")]                // one word longer than the row
    [InlineData("Code 482913   ", 16, "Code 482913   ")]
    [InlineData("registered and idle ", 16, "registered and")]
    public void Fit_TextAndWidth_CutWhereExpected(string text, int columns, string expected)
    {
        Assert.Equal(expected, LcdText.Fit(text, columns));
    }

    [Theory]
    [InlineData("Zoë Müller", "Zoe Muller")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Łódź – Kraków", "Lodz - Krakow")]
    [InlineData("a\tb\r\nc\u00a0d", "a b  c d")]
    [InlineData("C:\\path ~x", "C:/path -x")]
    [InlineData("call 📞 now", "call ? now")]
    [InlineData("日本", "??")]
    [InlineData("plain ASCII 0-9 #*", "plain ASCII 0-9 #*")]
    public void ToAscii_AnyText_OnlyCharactersTheRomShows(string text, string expected)
    {
        var mapped = LcdText.ToAscii(text);

        Assert.Equal(expected, mapped);
        Assert.All(mapped, c => Assert.InRange(c, ' ', '}'));
        Assert.DoesNotContain('\\', mapped);
    }

    [Fact]
    public void ToAscii_AsciiText_ReturnsTheSameInstance()
    {
        const string text = "1001  ready";

        Assert.Same(text, LcdText.ToAscii(text));
    }
}
