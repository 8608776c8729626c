using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>The person at the desk: keys and the hook switch.</summary>
public sealed partial class Phone
{
    private void OnKey(object? sender, KeyPressedEventArgs e)
    {
        var active = LiveCalls().FirstOrDefault(c => c.State == SipCallState.Answered);
        switch (e.Key)
        {
            case var digit when Keys.IsDtmf(digit) && active is not null:
                if (!_media.SendDtmf(active.CallId, digit))
                {
                    PhoneLog.DtmfNotSent(_logger, digit, active.CallId);
                }

                break;
            case var digit when Keys.IsDtmf(digit):
                string shown;
                lock (_gate)
                {
                    if (_digits.Length < MaxDialDigits)
                    {
                        _digits += digit;
                    }

                    shown = _digits;
                }

                _board.Display.Show(0, $"Dial: {shown}");
                break;
            case Keys.Send:
                if (!Answer())
                {
                    DialTyped();
                }

                break;
            case Keys.Cancel:
                if (LiveCalls().Count > 0)
                {
                    _ = HangUpInBackgroundAsync();
                }
                else
                {
                    lock (_gate)
                    {
                        _digits = "";
                    }

                    ShowIdle();
                }

                break;
            case Keys.Hold:
                _ = ToggleHoldInBackgroundAsync();
                break;
        }
    }

    private void OnHook(object? sender, HookChangedEventArgs e)
    {
        if (e.IsOffHook)
        {
            _board.Leds.Set(Led.MessageWaiting, LedState.Off);
            if (Answer())
            {
                return;
            }

            bool typed;
            lock (_gate)
            {
                typed = _digits.Length > 0;
            }

            if (typed)
            {
                DialTyped();
            }
            else if (LiveCalls().Count == 0)
            {
                _board.Display.Show(0, "Dial:");
            }

            return;
        }

        // Replacing the handset ends the conversation; a call still ringing in stays ringing.
        foreach (var call in LiveCalls().Where(c => !(c.Direction == SipCallDirection.Incoming && c.State == SipCallState.Ringing)))
        {
            _ = call.HangUpAsync(_stopping.Token);
        }

        lock (_gate)
        {
            _digits = "";
        }
    }

    private void DialTyped()
    {
        string digits;
        lock (_gate)
        {
            digits = _digits;
        }

        if (digits.Length > 0)
        {
            _ = DialInBackgroundAsync(digits);
        }
    }

    private async Task DialInBackgroundAsync(string digits)
    {
        var attempt = await DialAsync(digits, new CallOrigin { Kind = OriginKind.Keypad }, _stopping.Token).ConfigureAwait(false);
        if (attempt.Status != DialAttemptStatus.Started)
        {
            _board.Display.Show(0, attempt.Status == DialAttemptStatus.Busy ? "Busy" : "Cannot dial");
        }
    }

    private async Task HangUpInBackgroundAsync()
    {
        try
        {
            await HangUpAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the stop path hangs up anyway.
        }
    }

    private async Task ToggleHoldInBackgroundAsync()
    {
        try
        {
            await ToggleHoldAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
