using System.Globalization;
using System.Text.RegularExpressions;
using CallSync.Sip.Syntax;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>
/// Turns raw configuration (JSON file, CALLSYNC_ environment variables, command line) into validated
/// <see cref="AgentOptions"/>. The first bad value stops it with a <see cref="ConfigurationError"/> naming the
/// key, the value and what was expected. Keys it does not know are returned as warnings, not errors, so an older
/// agent still starts with a newer file.
/// </summary>
public static partial class AgentOptionsReader
{
    /// <summary>Where the agent keeps its data unless told otherwise.</summary>
    public const string DefaultDataDir = "/var/lib/callsync";

    private static readonly string[] SipTransports = ["udp", "tcp"];
    private static readonly string[] CompanionTransports = ["tcp", "rfcomm"];
    private static readonly string[] KnownCodecs = ["PCMU", "PCMA", "opus"];

    private static readonly Dictionary<string, string[]> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Device"] = ["Id", "Number", "DataDir", "ProvisioningKey"],
        ["Board"] = ["Kind", "SampleRate", "Microphone", "Speaker", "ControlInput", "AlsaDevice", .. LinuxBoardKeys],
        ["Sip"] = ["Listen", "Registrar", "Username", "Password", "Domain", "RegisterExpires", "AutoAnswer", "MaxCalls", "Codecs", "UserAgent", "SessionExpires", "MinSessionExpires"],
        ["Rtp"] = ["Address", "PortMin", "PortMax"],
        ["Recording"] = ["Enabled", "Bitrate", "NoticeTone", "RetentionDays", "QuotaMegabytes"],
        ["Mqtt"] = ["Url", "Username", "Password", "ClientCertificate", "ClientKey", "CaCertificate", "KeepAlive", "OutboxLimit"],
        ["Enrollment"] = ["Url", "Code"],
        ["Companion"] = ["Listen"],
        ["Control"] = ["Socket"],
        ["Logging"] = [],
    };

    /// <summary>Reads and validates everything.</summary>
    /// <exception cref="ConfigurationError">A value is missing or invalid.</exception>
    public static AgentOptions Read(IConfiguration configuration, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        warnings = UnknownKeys(configuration);

        var device = ReadDevice(configuration.GetSection("Device"));
        var sip = ReadSip(configuration.GetSection("Sip"));
        return new AgentOptions(
            device,
            ReadBoard(configuration.GetSection("Board")),
            sip,
            ReadRtp(configuration.GetSection("Rtp"), sip),
            ReadRecording(configuration.GetSection("Recording")),
            ReadMqtt(configuration.GetSection("Mqtt")),
            ReadCompanion(configuration.GetSection("Companion")),
            ReadControl(configuration.GetSection("Control"), device),
            ReadEnrollment(configuration.GetSection("Enrollment")));
    }

    private static DeviceOptions ReadDevice(IConfigurationSection section)
    {
        var id = Required(section, "Id", "a device id of 1-64 letters, digits, '.', '_' or '-'");
        if (!DeviceIdPattern().IsMatch(id))
        {
            throw Invalid(section, "Id", id, "a device id of 1-64 letters, digits, '.', '_' or '-' (it is part of MQTT topics)");
        }

        var number = Required(section, "Number", "the desk phone's number: digits, optionally with a leading +");
        if (!NumberPattern().IsMatch(number))
        {
            throw Invalid(section, "Number", number, "the desk phone's number: 1-32 digits, optionally with a leading +");
        }

        var dataDir = Optional(section, "DataDir") ?? DefaultDataDir;
        if (!Path.IsPathFullyQualified(dataDir))
        {
            throw Invalid(section, "DataDir", dataDir, "an absolute directory path");
        }

        byte[]? key = null;
        if (Optional(section, "ProvisioningKey") is { } keyText)
        {
            try
            {
                key = Convert.FromBase64String(keyText);
            }
            catch (FormatException)
            {
                // The value is a secret: name the key, never echo it.
                throw Invalid(section, "ProvisioningKey", "(hidden)", "a base64 key of at least 32 bytes");
            }

            if (key.Length < 32)
            {
                throw Invalid(section, "ProvisioningKey", "(hidden)", "a base64 key of at least 32 bytes");
            }
        }

        return new DeviceOptions(id, number, dataDir, key);
    }

    private static BoardOptions ReadBoard(IConfigurationSection section)
    {
        var kindText = Optional(section, "Kind") ?? "simulated";
        var kind = kindText.ToLowerInvariant() switch
        {
            "simulated" => BoardKind.Simulated,
            "linux" => BoardKind.Linux,
            _ => throw Invalid(section, "Kind", kindText, "simulated or linux"),
        };
        var rate = Int(section, "SampleRate", 8000, 8000, 16000);
        if (rate is not (8000 or 16000))
        {
            throw Invalid(section, "SampleRate", rate.ToString(CultureInfo.InvariantCulture), "8000 or 16000");
        }

        var microphone = Optional(section, "Microphone") ?? "tone:400";
        if (!IsMicrophone(microphone))
        {
            throw Invalid(section, "Microphone", microphone, "tone:HZ (20 to half the sample rate), wav:PATH or silence");
        }

        var alsaDevice = Optional(section, "AlsaDevice") ?? "default";
        return new BoardOptions(kind, rate, microphone, Optional(section, "Speaker"), Bool(section, "ControlInput", true),
            alsaDevice, ReadLinuxBoard(section, rate, alsaDevice));
    }

    private static bool IsMicrophone(string value) =>
        value == "silence" ||
        value.StartsWith("wav:", StringComparison.Ordinal) && value.Length > 4 ||
        value.StartsWith("tone:", StringComparison.Ordinal) &&
        double.TryParse(value.AsSpan(5), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hz) && hz is >= 20 and < 4000;

    private static SipOptions ReadSip(IConfigurationSection section)
    {
        var listenSection = section.GetSection("Listen");
        var listenTexts = listenSection.Value is { } single
            ? [single]
            : listenSection.GetChildren().Select(c => c.Value ?? "").ToList();
        if (listenTexts.Count == 0)
        {
            listenTexts = ["udp:0.0.0.0:5060", "tcp:0.0.0.0:5060"];
        }

        var listen = new List<ListenEndpoint>();
        for (var i = 0; i < listenTexts.Count; i++)
        {
            if (!ListenEndpoint.TryParse(listenTexts[i], SipTransports, out var endpoint))
            {
                throw new ConfigurationError($"{section.Path}:Listen:{i}", listenTexts[i], "udp:ADDRESS:PORT or tcp:ADDRESS:PORT");
            }

            listen.Add(endpoint!);
        }

        var registrar = Optional(section, "Registrar");
        string? registrarHost = null;
        if (registrar is not null && !TryRegistrarHost(registrar, out registrarHost))
        {
            throw Invalid(section, "Registrar", registrar, "a SIP URI such as sip:pbx.example.com or sip:127.0.0.1:5080");
        }

        var username = Optional(section, "Username");
        var password = Optional(section, "Password");
        if (registrar is not null && username is null)
        {
            throw new ConfigurationError($"{section.Path}:Username", null, "the SIP user name to register with (Sip:Registrar is set)");
        }

        var autoAnswerText = Optional(section, "AutoAnswer") ?? "off";
        var (autoAnswer, delay) = autoAnswerText.ToLowerInvariant() switch
        {
            "off" or "false" or "no" => (AutoAnswerMode.Off, TimeSpan.Zero),
            "on" or "true" or "yes" => (AutoAnswerMode.Always, TimeSpan.Zero),
            "requested" => (AutoAnswerMode.WhenRequested, TimeSpan.Zero),
            _ when Duration.TryParse(autoAnswerText, out var d) && d <= TimeSpan.FromMinutes(5) => (AutoAnswerMode.Always, d),
            _ => throw Invalid(section, "AutoAnswer", autoAnswerText, "off, on, requested, or a delay such as 2s (at most 5m)"),
        };

        var expires = DurationValue(section, "RegisterExpires", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        var maxCalls = Int(section, "MaxCalls", 2, 1, 10_000);

        // RFC 4028: 90 s is the smallest interval a peer may be held to; "0" or "off" switches session timers off.
        var minSession = DurationValue(section, "MinSessionExpires", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(90), TimeSpan.FromHours(1));
        var sessionText = Optional(section, "SessionExpires");
        var session = sessionText?.ToLowerInvariant() is "0" or "off"
            ? TimeSpan.Zero
            : DurationValue(section, "SessionExpires", TimeSpan.FromMinutes(30), minSession, TimeSpan.FromDays(1));

        var codecSection = section.GetSection("Codecs");
        var codecs = codecSection.Value is { } oneCodec ? [oneCodec] : codecSection.GetChildren().Select(c => c.Value ?? "").ToList();
        if (codecs.Count == 0)
        {
            codecs = ["PCMU", "PCMA", "opus"];
        }

        for (var i = 0; i < codecs.Count; i++)
        {
            var known = KnownCodecs.FirstOrDefault(k => string.Equals(k, codecs[i], StringComparison.OrdinalIgnoreCase));
            codecs[i] = known ?? throw new ConfigurationError($"{section.Path}:Codecs:{i}", codecs[i], "PCMU, PCMA or opus");
        }

        return new SipOptions(listen, registrar, username, password, Optional(section, "Domain") ?? registrarHost, expires,
            autoAnswer, delay, maxCalls, codecs, Optional(section, "UserAgent") ?? "CallSync/0.1", session, minSession);
    }

    // The registrar is parsed by the SIP codec itself; the domain keeps its port, since REGISTER and calls go there.
    private static bool TryRegistrarHost(string uri, out string? host)
    {
        host = null;
        if (!SipUri.TryParse(uri, out var parsed) || parsed.Scheme == SipUriScheme.Tel)
        {
            return false;
        }

        host = parsed.Port is { } port ? $"{parsed.Host}:{port.ToString(CultureInfo.InvariantCulture)}" : parsed.Host;
        return true;
    }

    private static RtpOptions ReadRtp(IConfigurationSection section, SipOptions sip)
    {
        var defaultAddress = sip.Listen[0].Address?.ToString() ?? "0.0.0.0";
        var address = Optional(section, "Address") ?? defaultAddress;
        if (!System.Net.IPAddress.TryParse(address, out _))
        {
            throw Invalid(section, "Address", address, "an IP address to bind media to");
        }

        var min = Int(section, "PortMin", 16384, 1024, 65534);
        var max = Int(section, "PortMax", 16483, 1025, 65535);
        if (max <= min)
        {
            throw Invalid(section, "PortMax", max.ToString(CultureInfo.InvariantCulture), $"a port above Rtp:PortMin ({min})");
        }

        return new RtpOptions(address, min, max);
    }

    private static RecordingOptions ReadRecording(IConfigurationSection section) => new(
        Bool(section, "Enabled", true),
        Int(section, "Bitrate", 32_000, 6_000, 128_000),
        Bool(section, "NoticeTone", false),
        Int(section, "RetentionDays", 30, 1, 3650),
        Int(section, "QuotaMegabytes", 512, 1, 1_000_000) * 1024L * 1024L);

    private static MqttOptions? ReadMqtt(IConfigurationSection section)
    {
        if (!section.Exists())
        {
            return null;
        }

        Uri? url = null;
        if (Optional(section, "Url") is { } urlText
            && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(url.Host)))
        {
            throw Invalid(section, "Url", urlText, "mqtt://HOST:PORT or mqtts://HOST:PORT");
        }

        var certificate = Optional(section, "ClientCertificate");
        var key = Optional(section, "ClientKey");
        if (certificate is not null && url?.Scheme != "mqtts")
        {
            throw Invalid(section, "Url", url?.ToString() ?? "", "an mqtts:// URL when Mqtt:ClientCertificate is set");
        }

        if (certificate is not null && key is null)
        {
            throw new ConfigurationError($"{section.Path}:ClientKey", null, "the PEM private key of Mqtt:ClientCertificate");
        }

        return new MqttOptions(url, Optional(section, "Username"), Optional(section, "Password"), certificate, key,
            Optional(section, "CaCertificate"),
            DurationValue(section, "KeepAlive", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30)),
            Int(section, "OutboxLimit", 100_000, 100, 10_000_000));
    }

    private static EnrollmentOptions? ReadEnrollment(IConfigurationSection section)
    {
        var urlText = Optional(section, "Url");
        var code = Optional(section, "Code");
        if (urlText is null && code is null)
        {
            return null;
        }

        if (urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || !CallSync.Mqtt.Enrollment.EnrollmentClient.IsAllowedHubUrl(url))
        {
            throw Invalid(section, "Url", urlText ?? "", "the hub's https:// URL (http:// only to a loopback address) when Enrollment:Code is set");
        }

        return code is { Length: <= 32 }
            ? new EnrollmentOptions(url, code)
            : throw Invalid(section, "Code", "(hidden)", "the one-time enrollment code (at most 32 characters) when Enrollment:Url is set");
    }

    private static CompanionOptions? ReadCompanion(IConfigurationSection section)
    {
        if (Optional(section, "Listen") is not { } text)
        {
            return null;
        }

        return ListenEndpoint.TryParse(text, CompanionTransports, out var endpoint)
            ? new CompanionOptions(endpoint!)
            : throw Invalid(section, "Listen", text, "tcp:ADDRESS:PORT or rfcomm:CHANNEL (1-30)");
    }

    private static ControlOptions ReadControl(IConfigurationSection section, DeviceOptions device)
    {
        var socket = Optional(section, "Socket") ?? Path.Combine(device.DataDir, CallSync.Control.ControlProtocol.SocketFileName);
        // sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
        if (!Path.IsPathFullyQualified(socket) || System.Text.Encoding.UTF8.GetByteCount(socket) > 107)
        {
            throw Invalid(section, "Socket", socket, "an absolute path of at most 107 bytes (a Unix socket path)");
        }

        return new ControlOptions(socket);
    }

    private static List<string> UnknownKeys(IConfiguration configuration)
    {
        var unknown = new List<string>();
        foreach (var section in configuration.GetChildren())
        {
            if (!KnownKeys.TryGetValue(section.Key, out var keys))
            {
                // Environment variables outside CALLSYNC_ never reach here; anything else is a typo or a newer file.
                unknown.Add(section.Path);
                continue;
            }

            if (section.Key.Equals("Logging", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            unknown.AddRange(section.GetChildren()
                .Where(child => !keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                .Select(child => child.Path));
        }

        return unknown;
    }

    private static string? Optional(IConfigurationSection section, string key)
    {
        var value = section[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string Required(IConfigurationSection section, string key, string expected) =>
        Optional(section, key) ?? throw new ConfigurationError($"{section.Path}:{key}", null, expected);

    private static ConfigurationError Invalid(IConfigurationSection section, string key, string value, string expected) =>
        new($"{section.Path}:{key}", value, expected);

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        if (Optional(section, key) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(section, key, text, $"a whole number from {min} to {max}");
    }

    private static bool Bool(IConfigurationSection section, string key, bool fallback) => Optional(section, key)?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" or "on" or "yes" or "1" => true,
        "false" or "off" or "no" or "0" => false,
        var other => throw Invalid(section, key, other, "true or false"),
    };

    private static TimeSpan DurationValue(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (Optional(section, key) is not { } text)
        {
            return fallback;
        }

        return Duration.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(section, key, text, $"a duration from {Describe(min)} to {Describe(max)} such as 30s, 10m or 1h");
    }

    private static string Describe(TimeSpan value) => value.TotalHours >= 1 && value.TotalHours % 1 == 0
        ? $"{value.TotalHours}h"
        : value.TotalMinutes >= 1 && value.TotalMinutes % 1 == 0 ? $"{value.TotalMinutes}m" : $"{value.TotalSeconds}s";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex(@"^\+?[0-9]{1,32}$")]
    private static partial Regex NumberPattern();

}
