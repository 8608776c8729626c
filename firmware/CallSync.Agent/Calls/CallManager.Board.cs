using System.Globalization;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <content>The person at the desk: keys, the hook switch, and what the display and LEDs show.</content>
internal sealed partial class CallManager
{
    private void OnKey(char key)
    {
        var active = _calls.Values.FirstOrDefault(s => s.Phase == CallPhase.Talking);
        switch (key)
        {
            case var digit when Keys.IsDtmf(digit) && active is not null:
                if (active.Media?.SendDtmf(digit) != true)
                {
                    CallLog.DtmfNotSent(_logger, digit, active.CallId);
                }

                break;
            case var digit when Keys.IsDtmf(digit):
                if (_digits.Length < MaxDialDigits)
                {
                    _digits += digit;
                }

                _board.Display.Show(0, $"Dial: {_digits}");
                break;
            case Keys.Send:
                if (RingingIncoming() is { } ringing)
                {
                    Answer(ringing);
                }
                else
                {
                    DialTyped();
                }

                break;
            case Keys.Cancel:
                if (EndAll().Length == 0)
                {
                    _digits = "";
                    ShowIdle();
                }

                break;
            case Keys.Hold:
                _ = ToggleHold();
                break;
        }
    }

    private void OnHook(bool offHook)
    {
        if (offHook)
        {
            _board.Leds.Set(Led.MessageWaiting, LedState.Off);
            if (RingingIncoming() is { } ringing)
            {
                Answer(ringing);
            }
            else if (_digits.Length > 0)
            {
                DialTyped();
            }
            else if (!_calls.Values.Any(s => s.IsLive))
            {
                _board.Display.Show(0, "Dial:");
            }

            return;
        }

        // Replacing the handset ends the conversation; a call still ringing in stays ringing.
        foreach (var session in _calls.Values.Where(s => s.IsLive && s.Phase != CallPhase.Ringing))
        {
            _ = session.Sip.HangUpAsync();
        }

        _digits = "";
    }

    private void DialTyped()
    {
        if (_digits.Length == 0)
        {
            return;
        }

        var attempt = Dial(_digits, new CallOrigin { Kind = OriginKind.Keypad });
        if (attempt.Status != DialAttemptStatus.Started)
        {
            _board.Display.Show(0, attempt.Status == DialAttemptStatus.Busy ? "Busy" : "Cannot dial");
        }
    }

    private void UpdateBoardAfterEnd(SipCallOutcome outcome)
    {
        if (RingingIncoming() is null)
        {
            _board.Ringer.Stop();
        }

        if (outcome.Direction == SipCallDirection.Incoming && outcome.AnsweredAt is null)
        {
            // A missed call: the message-waiting LED stays on until the handset is next lifted.
            _board.Leds.Set(Led.MessageWaiting, LedState.On);
        }

        if (!_calls.Values.Any(s => s.IsLive))
        {
            _board.Leds.Set(Led.Line, LedState.Off);
            ShowIdle();
        }
    }

    private void ShowIdle()
    {
        _board.Display.Show(0, $"{_options.Device.Number}  ready");
        ShowRegistration(_sip.Registration);
    }

    // Once a second (the media check's tick) while a call is answered: its talk time on the second line, where the
    // idle screen shows the registration. Show() writes only a changed line, so a held call's frozen screen costs nothing.
    private void ShowTalkTime()
    {
        if (_calls.Values.FirstOrDefault(s => s.Phase is CallPhase.Talking or CallPhase.Held && s.AnsweredAt is not null) is { AnsweredAt: { } answered })
        {
            _board.Display.Show(1, FormatTalkTime(_time.GetUtcNow() - answered));
        }
    }

    /// <summary>"mm:ss", or "h:mm:ss" from an hour on: short enough for any display line.</summary>
    internal static string FormatTalkTime(TimeSpan talked) =>
        talked < TimeSpan.Zero ? "00:00"
        : talked.TotalHours >= 1 ? talked.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : talked.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    private void ShowRegistration(SipRegistrationState state) =>
        _board.Display.Show(1, state.IsRegistered ? "registered" : state.Reason);
}
