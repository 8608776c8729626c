using CallSync.Configuration;
using CallSync.Mqtt.Enrollment;

namespace CallSync.Agent.Configuration;

/// <summary>The Enrollment section: declared keys and how they become <see cref="EnrollmentOptions"/> (null when neither is set).</summary>
internal static class EnrollmentKeys
{
    public const int MaxCodeLength = 32;

    private const string HubUrl = "the hub's https:// URL (http:// only to a loopback address)";

    public static readonly ConfigSection Section = new("Enrollment",
        "Enroll with the hub at start when the phone has no stored credentials yet (the same as `callsync enroll URL CODE`; " +
        "docs/security.md). Ignored once the phone is enrolled; set both keys or neither.");

    public static readonly ConfigKey<Uri?> Url = Section.Optional("Url",
        ConfigValues.Url(HubUrl, "https", "http").Where(EnrollmentClient.IsAllowedHubUrl, HubUrl),
        "the hub to enroll with");

    public static readonly ConfigKey<string?> Code = Section.Optional("Code",
        ConfigValues.Text($"the one-time enrollment code (at most {MaxCodeLength} characters)", maxLength: MaxCodeLength),
        "the one-time code an admin issued for this device (`POST /api/v1/admin/devices`, or `.../devices/{id}/enrollment` for a new one)", ConfigKeyFlags.Secret);

    public static EnrollmentOptions? Read(ConfigReader reader)
    {
        var url = reader.Get(Url);
        var code = reader.Get(Code);
        reader.RequireTogether(Url, HubUrl + " when Enrollment:Code is set",
            Code, "the one-time enrollment code when Enrollment:Url is set");
        return url is not null && code is not null ? new EnrollmentOptions(url, code) : null;
    }
}
