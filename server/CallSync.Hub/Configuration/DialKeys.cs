using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Dial section: declared keys and how they become <see cref="DialOptions"/>.</summary>
internal static class DialKeys
{
    public static readonly ConfigSection Section = new("Dial", "Remote dial requests relayed to desk phones.");

    public static readonly ConfigKey<TimeSpan> Timeout = Section.Add("Timeout",
        ConfigValues.Duration(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)), TimeSpan.FromSeconds(30),
        "a remote dial the phone has not `accepted` after this long is reported `timed-out`; also the command's validity " +
        "(`expiresAt - issuedAt`), so a phone that was offline never dials it late");

    public static readonly ConfigKey<TimeSpan> MaxCallDuration = Section.Add("MaxCallDuration",
        ConfigValues.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)), TimeSpan.FromHours(4),
        "after `accepted`, the final reply comes when the call ends; without one after this long the dial is reported `timed-out`");

    public static DialOptions Read(ConfigReader reader) => new()
    {
        Timeout = reader.Get(Timeout),
        MaxCallDuration = reader.Get(MaxCallDuration),
    };
}
