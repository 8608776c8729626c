using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Recordings section: declared keys and how they become <see cref="RecordingsOptions"/>.</summary>
internal static class RecordingsKeys
{
    public static readonly ConfigSection Section = new("Recordings",
        "Recordings uploaded by the apps (the second path for a call's audio): off unless the installation allows it.");

    public static readonly ConfigKey<bool> Upload = Section.Add("Upload",
        ConfigValues.OneOf("off or allowed", ("off", false), ("allowed", true)), false,
        "`allowed`: a user bound to a phone may upload the recordings of its calls (verified against the record's byte count " +
        "and SHA-256) and bound users may play them; `off`: the upload route answers 403", defaultText: "`off`");

    public static readonly ConfigKey<string?> Directory = Section.Optional("Directory",
        ConfigValues.AbsolutePath("an absolute directory path"),
        "where uploaded recordings are kept (created when missing); several hub instances must share it",
        defaultText: "`recordings` in `Storage:DataDir` (owner-only, like the rest of it)");

    public static readonly ConfigKey<TimeSpan> Retention = Section.Add("Retention",
        ConfigValues.Duration(TimeSpan.FromHours(1), TimeSpan.FromDays(3660)), TimeSpan.FromDays(90),
        "a stored recording is deleted this long after its upload completed; an unfinished upload after a day without progress");

    public static readonly ConfigKey<int> MaxFileMegabytes = Section.Add("MaxFileMegabytes",
        ConfigValues.Number(1, 4096), 512,
        "the largest recording accepted, in MiB (a 4-hour stereo Opus call at 32 kbit/s is about 60 MiB)");

    public static RecordingsOptions Read(ConfigReader reader) => new()
    {
        UploadAllowed = reader.Get(Upload),
        Directory = reader.Get(Directory) ?? string.Empty,
        Retention = reader.Get(Retention),
        MaxFileBytes = reader.Get(MaxFileMegabytes) * 1024L * 1024L,
    };
}
