using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Push section: declared keys and how they become <see cref="PushOptions"/>.</summary>
internal static class PushKeys
{
    public static readonly ConfigSection Section = new("Push", "Push delivery to the apps.");

    public static readonly ConfigKey<TimeSpan> DigestCheckInterval = Section.Add("DigestCheckInterval",
        ConfigValues.Duration(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)), TimeSpan.FromSeconds(30),
        "how often the daily-digest scheduler looks for due digests (it also runs once at start)");

    public static PushOptions Read(ConfigReader reader) => new() { DigestCheckInterval = reader.Get(DigestCheckInterval) };
}
