using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using CallSync.Configuration;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Tls;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Configuration;

/// <summary>
/// The Sip section: declared keys and how they become <see cref="SipOptions"/>, whose <see cref="SipOptions.UserAgent"/>
/// is the SIP library's own options object, filled here and handed to the user agent as it is.
/// </summary>
internal static class SipKeys
{
    /// <summary>The codec names Sip:Codecs accepts, spelled as written back.</summary>
    public static readonly IReadOnlyList<string> CodecNames = ["G722", "PCMU", "PCMA", "opus", "telephone-event"];

    public static readonly ConfigSection Section = new("Sip",
        "The SIP user agent: where it listens, its registrar and account, answering, codecs and session timers.");

    public static readonly ConfigListKey<SipListenEndPoint> Listen = Section.List("Listen",
        new ConfigValue<SipListenEndPoint>(TryParseListen,
            "udp:ADDRESS:PORT, tcp:ADDRESS:PORT or tls:ADDRESS:PORT with a numeric address (IPv6 in brackets: udp:[::]:5060)"),
        [new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Any, 5060)), new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Any, 5060))],
        "where the user agent listens; port 0 picks a free port; a `tls:` entry (SIP over TLS, usually port 5061) needs the " +
        "phone's certificate (`Sip:Tls:Certificate`); calling or registering over TLS does not");

    public static readonly ConfigKey<string?> Registrar = Section.Optional("Registrar",
        ConfigValues.Text("a SIP URI such as sip:pbx.example.com, sip:127.0.0.1:5080 or sips:pbx.example.com", static v => RegistrarHost(v) is not null),
        "the registrar (PBX) to register with; none: no registration. `sips:` or `;transport=tls` (TLS, RFC 5630) or " +
        "`;transport=tcp`: REGISTER and calls to numbers go to it over that transport, on one connection kept alive");

    public static readonly ConfigKey<string?> Username = Section.Optional("Username", ConfigValues.Text("a SIP user name"),
        "the user name to register and authenticate with; required when `Sip:Registrar` is set", defaultText: "`Device:Number` as the SIP user");

    public static readonly ConfigKey<string?> Password = Section.Optional("Password", ConfigValues.Text("a password of at most 256 characters"),
        "the digest password", ConfigKeyFlags.Secret);

    public static readonly ConfigKey<string?> Domain = Section.Optional("Domain",
        ConfigValues.Text("HOST or HOST:PORT (an IPv6 address in brackets)", IsHostPort),
        "the domain of this phone's address of record: REGISTER and calls to plain numbers go there (`1002` is dialled as " +
        "`sip:1002@DOMAIN`); without a registrar, set it to reach a peer directly", defaultText: "the registrar's host:port");

    public static readonly ConfigKey<TimeSpan> RegisterExpires = Section.Add("RegisterExpires",
        ConfigValues.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)), TimeSpan.FromMinutes(10),
        "the registration lifetime asked for; refreshed before it runs out");

    public static readonly ConfigKey<(AutoAnswerMode Mode, TimeSpan Delay)> AutoAnswer = Section.Add("AutoAnswer",
        new ConfigValue<(AutoAnswerMode Mode, TimeSpan Delay)>(TryParseAutoAnswer,
            "off, on, requested, or a delay such as 2s (at most 5m)", FormatAutoAnswer),
        (AutoAnswerMode.Off, TimeSpan.Zero),
        "`off`: ring until the handset is lifted; `on`: answer at once; a delay: answer after it; `requested`: only when the " +
        "INVITE asks for it (Call-Info `answer-after`, Alert-Info auto-answer)");

    public static readonly ConfigKey<int> MaxCalls = Section.Add("MaxCalls", ConfigValues.Number(1, 10_000), 2,
        "calls at once (one active and one waiting on a desk phone); more get `486 Busy Here`");

    public static readonly ConfigListKey<string> Codecs = Section.List("Codecs",
        ConfigValues.OneOf("G722, PCMU, PCMA, opus or telephone-event", [.. CodecNames.Select(name => (name, name))]),
        CodecNames,
        "codecs offered and accepted, in order of preference (at least one audio codec); `telephone-event` is RFC 4733 DTMF. " +
        "leaving out telephone-event is reserved: until it is wired, DTMF events are always offered");

    public static readonly ConfigKey<string> UserAgent = Section.Add("UserAgent",
        ConfigValues.Text("printable text of at most 128 characters", maxLength: 128), "CallSync/0.1", "the User-Agent header");

    public static readonly ConfigKey<TimeSpan> SessionExpires = Section.Add("SessionExpires",
        ConfigValues.DurationOrOff(TimeSpan.FromSeconds(90), TimeSpan.FromDays(1)), TimeSpan.FromMinutes(30),
        "session timer (RFC 4028) asked for in our INVITEs and granted to callers; the refresher re-INVITEs at half of it, the " +
        "other side hangs up when no refresh came; at least `Sip:MinSessionExpires`; `off`: no session timers");

    public static readonly ConfigKey<TimeSpan> MinSessionExpires = Section.Add("MinSessionExpires",
        ConfigValues.Duration(TimeSpan.FromSeconds(90), TimeSpan.FromHours(1)), TimeSpan.FromSeconds(90),
        "the shortest session interval accepted from a peer (shorter gets `422`); 90s is RFC 4028's floor");

    public static readonly ConfigKey<string?> TlsCaFile = Section.Optional("Tls:CaFile",
        ConfigValues.ExistingFile("an absolute path to an existing PEM file"),
        "SIP over TLS: the CA certificates (PEM bundle) that sign the servers' certificates; a server whose certificate does not " +
        "chain to one of them, has expired or is for another host is refused", defaultText: "the system's CA store");

    public static readonly ConfigKey<string?> TlsCertificate = Section.Optional("Tls:Certificate",
        ConfigValues.ExistingFile("an absolute path to an existing PEM file"),
        "SIP over TLS: the phone's certificate, offered to servers that ask for one and needed to listen on a `tls:` " +
        "endpoint; set together with `Sip:Tls:PrivateKey`");

    public static readonly ConfigKey<string?> TlsPrivateKey = Section.Optional("Tls:PrivateKey",
        ConfigValues.PrivateKeyFile("an absolute path to an existing PEM file readable by its owner only (chmod 600)"),
        "SIP over TLS: the certificate's private key (PEM); the agent refuses to start when others can read it");

    public static SipOptions Read(ConfigReader reader, string deviceNumber)
    {
        var listen = reader.Get(Listen);
        var registrar = reader.Get(Registrar);
        var username = reader.Get(Username);
        if (registrar is not null && username is null)
        {
            reader.Missing(Username, "the SIP user name to register with (Sip:Registrar is set)");
        }

        var minSession = reader.Get(MinSessionExpires);
        var session = reader.Get(SessionExpires);
        if (session > TimeSpan.Zero && session < minSession && !reader.HasProblem(MinSessionExpires))
        {
            reader.Fail(SessionExpires,
                $"off (or 0), or a duration from {Duration.Format(minSession)} (Sip:MinSessionExpires) to {Duration.Format(TimeSpan.FromDays(1))}");
        }

        var codecs = reader.Get(Codecs);
        if (!reader.HasProblem(Codecs) && codecs.All(c => c == "telephone-event"))
        {
            reader.Fail(Codecs, "at least one audio codec: G722, PCMU, PCMA or opus");
        }

        var (mode, delay) = reader.Get(AutoAnswer);
        var (tls, tlsContext) = ReadTls(reader);
        if (tlsContext?.Certificate is null && listen.FirstOrDefault(l => l.Transport == SipTransportKind.Tls) is { } tlsListen && !reader.HasProblem(TlsCertificate))
        {
            reader.Fail(Listen, $"udp: or tcp: entries only, or the phone's certificate for {tlsListen} (Sip:Tls:Certificate and Sip:Tls:PrivateKey)");
        }

        return new SipOptions
        {
            UserAgent = new SipUserAgentOptions
            {
                ListenEndPoints = listen,
                User = username ?? deviceNumber,
                AuthUser = username,
                Password = reader.Get(Password),
                Domain = reader.Get(Domain) ?? (registrar is null ? null : RegistrarHost(registrar)),
                Register = registrar is not null,
                DomainTransport = registrar is null ? null : RegistrarTransport(registrar),
                Tls = tlsContext,
                RegisterExpires = reader.Get(RegisterExpires),
                MaxCalls = reader.Get(MaxCalls),
                UserAgentName = reader.Get(UserAgent),
                SessionExpires = session,
                MinSessionExpires = minSession,
            },
            AutoAnswer = mode,
            AutoAnswerDelay = delay,
            Registrar = registrar,
            Codecs = codecs,
            Tls = tls,
        };
    }

    /// <summary>
    /// The TLS files, and their content checked once the paths are valid: the CA file parses, the certificate and key
    /// parse and belong together (each problem named on its key). The context is null when a file is unusable.
    /// </summary>
    private static (SipTlsOptions Files, SipTlsContext? Context) ReadTls(ConfigReader reader)
    {
        var files = new SipTlsOptions { CaFile = reader.Get(TlsCaFile), Certificate = reader.Get(TlsCertificate), PrivateKey = reader.Get(TlsPrivateKey) };
        reader.RequireTogether(TlsCertificate, "the certificate of Sip:Tls:PrivateKey (an absolute path to a PEM file)",
            TlsPrivateKey, "the private key of Sip:Tls:Certificate (an absolute path to a PEM file, chmod 600)");
        if (reader.HasProblem(TlsCaFile) || reader.HasProblem(TlsCertificate) || reader.HasProblem(TlsPrivateKey))
        {
            return (files, null);
        }

        if (!SipTlsContext.TryLoad(files with { Certificate = null, PrivateKey = null }, out _, out var caError))
        {
            reader.Fail(TlsCaFile, $"a PEM file of CA certificates ({caError})");
            return (files, null);
        }

        if (!SipTlsContext.TryLoad(files, out var context, out var error))
        {
            reader.Fail(TlsCertificate, $"a PEM certificate whose private key is Sip:Tls:PrivateKey ({error})");
            return (files, null);
        }

        return (files, context);
    }

    // sips: (RFC 5630) or ;transport=tls: TLS; ;transport=tcp / udp: as written; else the user agent's default.
    private static SipTransportKind? RegistrarTransport(string uri)
    {
        if (!SipUri.TryParse(uri, out var parsed))
        {
            return null;
        }

        return parsed.Scheme == SipUriScheme.Sips ? SipTransportKind.Tls : parsed.Transport?.ToLowerInvariant() switch
        {
            "tls" => SipTransportKind.Tls,
            "tcp" => SipTransportKind.Tcp,
            "udp" => SipTransportKind.Udp,
            _ => null,
        };
    }

    private static bool TryParseListen(string text, [MaybeNullWhen(false)] out SipListenEndPoint endPoint) =>
        SipListenEndPoint.TryParse(text, out endPoint, out _);

    // off / on / requested, or a delay: a delay of 0 is "on".
    private static bool TryParseAutoAnswer(string text, out (AutoAnswerMode Mode, TimeSpan Delay) value)
    {
        value = text.ToLowerInvariant() switch
        {
            "off" or "false" or "no" => (AutoAnswerMode.Off, TimeSpan.Zero),
            "on" or "true" or "yes" => (AutoAnswerMode.Immediately, TimeSpan.Zero),
            "requested" => (AutoAnswerMode.WhenRequested, TimeSpan.Zero),
            _ when Duration.TryParse(text, out var delay) && delay <= TimeSpan.FromMinutes(5) =>
                delay == TimeSpan.Zero ? (AutoAnswerMode.Immediately, TimeSpan.Zero) : (AutoAnswerMode.AfterDelay, delay),
            _ => (default, TimeSpan.MinValue),
        };
        return value.Delay >= TimeSpan.Zero;
    }

    private static string FormatAutoAnswer((AutoAnswerMode Mode, TimeSpan Delay) value) => value.Mode switch
    {
        AutoAnswerMode.Immediately => "on",
        AutoAnswerMode.AfterDelay => Duration.Format(value.Delay),
        AutoAnswerMode.WhenRequested => "requested",
        _ => "off",
    };

    // The registrar is parsed by the SIP codec itself; the domain keeps its port, since REGISTER and calls go there.
    private static string? RegistrarHost(string uri) =>
        SipUri.TryParse(uri, out var parsed) && parsed.Scheme != SipUriScheme.Tel
            ? parsed.Port is { } port ? $"{parsed.Host}:{port.ToString(CultureInfo.InvariantCulture)}" : parsed.Host
            : null;

    // host, host:port or [v6]:port, as the authority of a URI with a scheme that has no default port.
    private static bool IsHostPort(string text) =>
        Uri.TryCreate($"callsync://{text}", UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo) &&
        uri.Authority.Equals(text, StringComparison.OrdinalIgnoreCase) && uri.HostNameType != UriHostNameType.Unknown;
}
