using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>The Recording section: declared keys and how they become <see cref="RecordingOptions"/>.</summary>
internal static class RecordingKeys
{
    public static readonly ConfigSection Section = new("Recording",
        "Call recording, and how long recordings stay on the phone once the paired mobile has them.");

    public static readonly ConfigKey<bool> Enabled = Section.Add("Enabled", ConfigValues.Bool(), true,
        "record every call as stereo Ogg Opus in `<DataDir>/recordings/<recordId>.opus` (left: this phone, right: the remote party)");

    public static readonly ConfigKey<int> Bitrate = Section.Add("Bitrate", ConfigValues.Number(6_000, 128_000), 32_000,
        "Opus bit rate of the stereo recording in bit/s; 32 kbit/s keeps the two parties at least 30 dB apart in the file " +
        "(24 kbit/s measured 22-23 dB)");

    public static readonly ConfigKey<bool> NoticeTone = Section.Add("NoticeTone", ConfigValues.Bool(), false,
        "play a short tone to both parties when recording starts");

    public static readonly ConfigKey<int> RetentionDays = Section.Add("RetentionDays", ConfigValues.Number(1, 3650), 30,
        "delivered recordings older than this many days are removed; undelivered ones are never removed by age");

    public static readonly ConfigKey<int> QuotaMegabytes = Section.Add("QuotaMegabytes", ConfigValues.Number(1, 1_000_000), 512,
        "disk space recordings may use, in MiB; over it, delivered ones go first, oldest first");

    public static RecordingOptions Read(ConfigReader reader) => new()
    {
        Enabled = reader.Get(Enabled),
        Bitrate = reader.Get(Bitrate),
        NoticeTone = reader.Get(NoticeTone),
        RetentionDays = reader.Get(RetentionDays),
        QuotaBytes = reader.Get(QuotaMegabytes) * 1024L * 1024L,
    };
}
