using CallSync.Hal;

namespace CallSync.Companion.Tests.Security;

public sealed class KeypadPairingConfirmerTests
{
    internal sealed class FakeKeypad : IKeypad
    {
        public event EventHandler<KeyPressedEventArgs>? KeyPressed;

        public void Press(char key) => KeyPressed?.Invoke(this, new KeyPressedEventArgs(key));
    }

    /// <summary>A display that presses a key as soon as the code is shown, like a user reading it.</summary>
    internal sealed class FakeDisplay(FakeKeypad keypad, char answer) : IDisplay
    {
        private readonly string[] _lines = ["idle", "", ""];

        public List<string> Shown { get; } = [];

        public int Lines => 3;

        public string Get(int line) => _lines[line];

        public void Show(int line, string text)
        {
            _lines[line] = text;
            Shown.Add(text);
            if (line == 2 && text.StartsWith('#'))
            {
                keypad.Press('5');
                keypad.Press(answer);
            }
        }
    }

    [Theory]
    [InlineData('#', true)]
    [InlineData('*', false)]
    [InlineData(Keys.Cancel, false)]
    public async Task ConfirmAsync_Key_ReturnsDecisionAndRestoresDisplay(char key, bool expected)
    {
        var keypad = new FakeKeypad();
        var display = new FakeDisplay(keypad, key);
        var confirmer = new KeypadPairingConfirmer(keypad, display);

        bool decision = await confirmer.ConfirmAsync(new PairingPrompt("042517", "user-7", "Pixel"), CancellationToken.None);

        Assert.Equal(expected, decision);
        Assert.Contains("Code 042517", display.Shown);
        Assert.Equal("idle", display.Get(0));
    }

    [Fact]
    public async Task ConfirmAsync_Cancelled_Throws()
    {
        var keypad = new FakeKeypad();
        var display = new FakeDisplay(keypad, '1');
        var confirmer = new KeypadPairingConfirmer(keypad, display);
        using var cts = new CancellationTokenSource();
        var pending = confirmer.ConfirmAsync(new PairingPrompt("000001", "u", "n"), cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal("idle", display.Get(0));
    }
}
