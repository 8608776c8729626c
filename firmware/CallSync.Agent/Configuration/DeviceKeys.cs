using System.Text.RegularExpressions;
using CallSync.Configuration;
using CallSync.Contracts;

namespace CallSync.Agent.Configuration;

/// <summary>The Device section: declared keys and how they become <see cref="DeviceOptions"/>.</summary>
internal static partial class DeviceKeys
{
    public static readonly ConfigSection Section = new("Device", "Who this desk phone is and where it keeps its data.");

    public static readonly ConfigKey<string> Id = Section.Required("Id",
        ConfigValues.Text("a device id of 1-64 letters, digits, '.', '_' or '-'", DeviceIdRules.IsValid),
        "the device id; part of the MQTT topics (`callsync/v1/devices/{id}/...`)");

    public static readonly ConfigKey<string> Number = Section.Required("Number",
        ConfigValues.Text("the desk phone's number: 1-32 digits, optionally with a leading +", static v => NumberPattern().IsMatch(v)),
        "the desk phone's own number: its SIP user unless `Sip:Username` is set, and the local party of its call records");

    public static readonly ConfigKey<string> DataDir = Section.Add("DataDir", ConfigValues.AbsolutePath("an absolute directory path"),
        AgentOptionsReader.DefaultDataDir,
        "where the agent keeps its data; created owner-only (0700), with `recordings/` inside; an existing directory that others can read is tightened to 0700");

    public static readonly ConfigKey<byte[]?> ProvisioningKey = Section.Optional("ProvisioningKey",
        ConfigValues.Base64Key(32, "a base64 key of at least 32 bytes"),
        "the key the hub signs remote commands with, and the phone its replies (HMAC-SHA256). Only for a phone configured by " +
        "hand: enrollment issues it. Without any, remote commands are refused", ConfigKeyFlags.Secret);

    public static readonly ConfigKey<bool> TrimMemoryAfterStart = Section.Add("TrimMemoryAfterStart", ConfigValues.Bool(), true,
        "once start-up has settled (2 s after start at the least, the agent healthy, as `callsync status` reports it, and no call " +
        "up; at most 30 s for a problem " +
        "such as a broker down, never during a call), give back the memory only start-up used: a compacting garbage collection " +
        "that returns the free heap, and the executable's and libraries' code and read-only data paged out " +
        "(`madvise(MADV_PAGEOUT)`, Linux 5.4+). NativeAOT builds " +
        "only (a board's; a JIT-compiled agent shares its runtime's files with other .NET processes and gains nothing). What a call " +
        "needs is read back from flash on the first call after a start ([benchmarks.md](benchmarks.md), \"Agent memory in a call\")");

    public static DeviceOptions Read(ConfigReader reader) => new()
    {
        Id = reader.Get(Id),
        Number = reader.Get(Number),
        DataDir = reader.Get(DataDir),
        ProvisioningKey = reader.Get(ProvisioningKey),
        TrimMemoryAfterStart = reader.Get(TrimMemoryAfterStart),
    };

    [GeneratedRegex(@"^\+?[0-9]{1,32}$")]
    private static partial Regex NumberPattern();
}
