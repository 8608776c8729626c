using CallSync.Sip.Syntax;

namespace CallSync.Sip.UserAgent;

/// <summary>Session timer negotiation (RFC 4028 sections 7 and 9), free of I/O so it is tested directly.</summary>
internal static class SipSessionTimerPolicy
{
    /// <summary>The option tag of the extension.</summary>
    public const string OptionTag = "timer";

    /// <summary>The refresher is the sender of the request that set the timer.</summary>
    public const string Uac = "uac";

    /// <summary>The refresher is the receiver of the request that set the timer.</summary>
    public const string Uas = "uas";

    /// <summary>The floor of Min-SE when a request carries none (RFC 4028 section 5).</summary>
    public static readonly TimeSpan DefaultMinimum = TimeSpan.FromSeconds(90);

    /// <summary>True when the message declares the extension in Supported or Require.</summary>
    public static bool SupportsTimer(SipMessage message) =>
        message.Supported.Contains(OptionTag, StringComparer.OrdinalIgnoreCase)
        || message.Require.Contains(OptionTag, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The UAS side (RFC 4028 section 9). A Session-Expires below <paramref name="minimum"/> from a UAC that supports
    /// timers gets 422; from one that does not (a proxy inserted it) it is raised instead. The interval may be
    /// reduced to <paramref name="preferred"/> but never below the request's Min-SE and never raised. A refresher
    /// the request names is kept; otherwise the UAC refreshes when it supports timers, else we do.
    /// </summary>
    public static SipSessionTimerAnswer Answer(SipRequest request, TimeSpan preferred, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uacSupports = SupportsTimer(request);
        var requested = request.SessionExpires is { Interval.Ticks: > 0 } se ? se : null;
        var floor = request.MinSessionExpires is { } min && min > minimum ? min : minimum;
        TimeSpan interval;
        if (requested is not null)
        {
            if (requested.Interval < minimum && uacSupports)
            {
                return new SipSessionTimerAnswer { TooSmall = true, MinimumInterval = minimum };
            }

            interval = requested.Interval < preferred ? requested.Interval : preferred;
            if (interval < floor)
            {
                interval = requested.Interval < floor && uacSupports ? requested.Interval : floor;
            }
        }
        else
        {
            interval = preferred < floor ? floor : preferred;
        }

        string refresher;
        if (!uacSupports)
        {
            refresher = Uas;
        }
        else if (string.Equals(requested?.Refresher, Uas, StringComparison.OrdinalIgnoreCase))
        {
            refresher = Uas;
        }
        else
        {
            refresher = Uac;
        }

        return new SipSessionTimerAnswer { Interval = interval, Refresher = refresher, MinimumInterval = floor };
    }

    /// <summary>
    /// The UAC side (RFC 4028 section 7.2): a 2xx without Session-Expires turns the timer off; refresher=uas makes the
    /// peer the refresher; refresher=uac (or none, which a conforming UAS never sends) makes us the refresher.
    /// </summary>
    public static SipSessionTimerTerms? FromResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.SessionExpires is not { Interval.Ticks: > 0 } se)
        {
            return null;
        }

        var interval = se.Interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : se.Interval;
        return new SipSessionTimerTerms(interval, !string.Equals(se.Refresher, Uas, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A header value in whole seconds.</summary>
    public static string Seconds(TimeSpan value) =>
        ((long)value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
