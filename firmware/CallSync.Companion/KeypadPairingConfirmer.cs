using CallSync.Hal;

namespace CallSync.Companion;

/// <summary>
/// Shows the pairing code on the display and waits for '#' (confirm) or '*' / Cancel (reject) on the keypad.
/// The display lines it used are restored afterwards.
/// </summary>
public sealed class KeypadPairingConfirmer(IKeypad keypad, IDisplay display) : IPairingConfirmer
{
    /// <inheritdoc/>
    public async ValueTask<bool> ConfirmAsync(PairingPrompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnKey(object? sender, KeyPressedEventArgs e)
        {
            if (e.Key == '#')
            {
                answer.TrySetResult(true);
            }
            else if (e.Key is '*' or Keys.Cancel)
            {
                answer.TrySetResult(false);
            }
        }

        int lines = Math.Min(display.Lines, 3);
        string[] saved = new string[lines];
        for (int i = 0; i < lines; i++)
        {
            saved[i] = display.Get(i);
        }

        string[] text = [$"Pair {prompt.CompanionName}?", $"Code {prompt.Code}", "# yes   * no"];
        if (lines == 1)
        {
            text[0] = $"Pair? {prompt.Code} #/*";
        }

        keypad.KeyPressed += OnKey;
        try
        {
            for (int i = 0; i < lines; i++)
            {
                display.Show(i, text[i]);
            }

            using (cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken)))
            {
                return await answer.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            keypad.KeyPressed -= OnKey;
            for (int i = 0; i < lines; i++)
            {
                display.Show(i, saved[i]);
            }
        }
    }
}
