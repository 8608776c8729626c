using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>The Storage section: declared keys and how they become <see cref="StorageOptions"/>.</summary>
internal static class StorageKeys
{
    public static readonly ConfigSection Section = new("Storage",
        "Free space in the data directory: below a floor the phone keeps taking calls and writing their records, but starts no new recording.");

    public static readonly ConfigKey<int> MinFreeKilobytes = Section.Add("MinFreeKilobytes", ConfigValues.Number(64, 100_000_000), 8 * 1024,
        "free space (KiB) in `Device:DataDir` below which no new recording starts: the phone reports the disk as full " +
        "(log, `callsync status`, the `diskFull` flag on records, the `diskFull` warning in the MQTT state) until there " +
        "is this much plus twice `ReserveKilobytes` again");

    public static readonly ConfigKey<int> ReserveKilobytes = Section.Add("ReserveKilobytes", ConfigValues.Number(0, 1_000_000), 1024,
        "space (KiB) held in `<DataDir>/reserve.bin` while the disk has room and released when it is full, so the " +
        "records, the outbox and the call journal can still be written; 0: none");

    public static readonly ConfigKey<TimeSpan> CheckInterval = Section.Add("CheckInterval",
        ConfigValues.Duration(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)), TimeSpan.FromSeconds(10),
        "how often free space is checked (it is also checked before each recording starts)");

    public static StorageOptions Read(ConfigReader reader) => new()
    {
        MinFreeBytes = reader.Get(MinFreeKilobytes) * 1024L,
        ReserveBytes = reader.Get(ReserveKilobytes) * 1024L,
        CheckInterval = reader.Get(CheckInterval),
    };
}
