using System.Net;
using CallSync.Agent.Configuration;
using CallSync.Sip.Transport;
using Microsoft.Extensions.Configuration;
using CallSync.Testing.Tls;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Tests.Configuration;

/// <summary>The agent's keys beyond the example file: every problem at once, typos, log levels, the keys reserved for this round.</summary>
public sealed class AgentConfigurationCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-config-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IConfiguration Config(params (string Key, string? Value)[] overrides)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(AgentOptionsReaderTests.ExampleJson));
        return new ConfigurationBuilder()
            .AddJsonStream(stream)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
    }

    private static AgentOptions Read(params (string Key, string? Value)[] overrides) => AgentOptionsReader.Read(Config(overrides), out _);

    private static string[] Problems(params (string Key, string? Value)[] overrides)
    {
        Assert.Null(AgentOptionsReader.TryRead(Config(overrides), out var report));
        return [.. report.Problems.Select(p => p.Message)];
    }

    private string PemFile(string name, UnixFileMode mode, string? text = null)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text ?? "-----BEGIN TEST-----\n");
        System.IO.File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>A CA file, and a phone certificate it signs with its key (0600), as PEM files in the test's directory.</summary>
    private (string Ca, string Certificate, string Key) TlsFiles()
    {
        using var ca = TestPki.CreateCa("CallSync Test CA");
        using var phone = TestPki.CreateLeaf(ca, "desk-0001.example");
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return (PemFile("ca.pem", ownerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead, TestPki.CertificatePem(ca)),
            PemFile("phone.crt", ownerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead, TestPki.CertificatePem(phone)),
            PemFile("phone.key", ownerOnly, TestPki.KeyPem(phone)));
    }

    [Fact]
    public void TryRead_SeveralBadValues_ListsEveryOneSectionBySection()
    {
        var problems = Problems(("Sip:MaxCalls", "0"), ("Device:Number", "12ab"), ("Rtp:PortMax", "99999"), ("Logging:LogLevel:Default", "Loud"),
            ("Mqtt:Password", "bad\u0001secret"));

        Assert.Equal(
            [
                "configuration: Device:Number = \"12ab\" is invalid; expected the desk phone's number: 1-32 digits, optionally with a leading +",
                "configuration: Sip:MaxCalls = \"0\" is invalid; expected a whole number from 1 to 10000",
                "configuration: Rtp:PortMax = \"99999\" is invalid; expected a whole number from 1025 to 65535",
                "configuration: Mqtt:Password = \"(hidden)\" is invalid; expected a password of at most 256 characters",
                "configuration: Logging:LogLevel:Default = \"Loud\" is invalid; expected Trace, Debug, Information, Warning, Error, Critical or None",
            ],
            problems);
    }

    [Fact]
    public void Read_TwoProblems_OneLineNamingTheFirstAndTheCount()
    {
        var error = Assert.Throws<ConfigurationError>(() => Read(("Sip:MaxCalls", "0"), ("Sip:AutoAnswer", "maybe")));

        Assert.Equal(2, error.Report.Problems.Count);
        Assert.Equal("Sip:AutoAnswer", error.Key);
        Assert.EndsWith("(and 1 more: callsync-agent --check-config FILE lists them all)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Read_Typos_WarnWithTheKeyMeant()
    {
        AgentOptionsReader.Read(Config(("Sip:AutoAnswr", "on"), ("Sip:PortMin", "20000"), ("Recordng:Enabled", "false")), out var warnings);

        Assert.Equal(
            [("Recordng", "Recording"), ("Sip:AutoAnswr", "Sip:AutoAnswer"), ("Sip:PortMin", "Rtp:PortMin")],
            warnings.Select(w => (w.Key, w.Suggestion!)).OrderBy(w => w.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Read_LogLevels_ByCategory()
    {
        var options = Read(("Logging:LogLevel:Default", "Warning"), ("Logging:LogLevel:CallSync.Sip", "Trace"));

        Assert.Equal(LogLevel.Warning, options.LogLevels["Default"]);
        Assert.Equal(LogLevel.Trace, options.LogLevels["CallSync.Sip"]);
    }

    [Theory]
    [InlineData("udp:[::]:5060", "udp:[::]:5060")]
    [InlineData("tcp:[::1]:0", "tcp:[::1]:0")]
    [InlineData("udp:[::]:5060, udp:127.0.0.1:5062", "udp:[::]:5060|udp:127.0.0.1:5062")]
    public void Read_Listen_IPv6InBracketsAndCommaLists(string value, string expected)
    {
        var sip = Read(("Sip:Listen", value), ("Sip:Listen:0", null), ("Sip:Listen:1", null)).Sip;

        Assert.Equal(expected.Split('|'), sip.Listen.Select(l => l.ToString()));
        Assert.Equal(expected.Split('|'), sip.UserAgent.ListenEndPoints.Select(l => l.ToString()));
    }

    [Fact]
    public void Read_IPv6FirstInListen_MediaStaysOnTheFirstIPv4Address()
    {
        var options = Read(("Sip:Listen:0", "udp:[::1]:5060"), ("Sip:Listen:1", "udp:127.0.0.2:5060"));

        Assert.Equal(IPAddress.Parse("127.0.0.2"), options.Rtp.Address);
        Assert.Equal(SipTransportKind.Udp, options.Sip.Listen[0].Transport);
    }

    [Theory]
    [InlineData("udp:::1:5060")]
    [InlineData("udp:[::1:5060")]
    [InlineData("udp:127.0.0.1")]
    [InlineData("sctp:127.0.0.1:5061")]
    [InlineData("udp:pbx.example.com:5060")]
    public void Read_BadListen_NamesTheItem(string value) =>
        Assert.Equal(
            $"configuration: Sip:Listen:0 = \"{value}\" is invalid; expected udp:ADDRESS:PORT, tcp:ADDRESS:PORT or tls:ADDRESS:PORT with a numeric address (IPv6 in brackets: udp:[::]:5060)",
            Assert.Single(Problems(("Sip:Listen:0", value))));

    [Fact]
    public void Read_RtpKeys_Parsed()
    {
        var rtp = Read(("Rtp:Address6", "2001:db8::20"), ("Rtp:InactivityTimeout", "off"), ("Rtp:Encryption", "Required"),
            ("Rtp:AllowSdesOverPlainSip", "true")).Rtp;

        Assert.Equal(IPAddress.Parse("2001:db8::20"), rtp.Address6);
        Assert.Equal(TimeSpan.Zero, rtp.InactivityTimeout);
        Assert.Equal(MediaEncryption.Required, rtp.Encryption);
        Assert.True(rtp.AllowSdesOverPlainSip);
        Assert.Equal(TimeSpan.FromMinutes(2), Read(("Rtp:InactivityTimeout", "2m")).Rtp.InactivityTimeout);
    }

    [Theory]
    [InlineData("required", "false", "every call over UDP or TCP is refused (488)")]
    [InlineData("optional", "false", "calls over UDP or TCP use plain RTP")]
    public void Advice_SrtpWithoutTlsOrPlainSipFlag_OneWarningSayingWhatHappens(string encryption, string allowPlain, string consequence)
    {
        var options = Read(("Rtp:Encryption", encryption), ("Rtp:AllowSdesOverPlainSip", allowPlain));

        var advice = Assert.Single(RtpKeys.Advice(options.Rtp, options.Sip));
        Assert.Contains($"Rtp:Encryption is {encryption} but no SIP is over TLS", advice, StringComparison.Ordinal);
        Assert.EndsWith(consequence, advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("off", "false")]
    [InlineData("required", "true")]
    public void Advice_SrtpOffOrKeysOverPlainSipAllowed_Nothing(string encryption, string allowPlain)
    {
        var options = Read(("Rtp:Encryption", encryption), ("Rtp:AllowSdesOverPlainSip", allowPlain));

        Assert.Empty(RtpKeys.Advice(options.Rtp, options.Sip));
    }

    [Theory]
    [InlineData("sips:pbx.example.com")]
    [InlineData("sip:pbx.example.com;transport=tls")]
    public void Advice_SrtpWithATlsRegistrar_Nothing(string registrar)
    {
        var options = Read(("Rtp:Encryption", "required"), ("Sip:Registrar", registrar));

        Assert.Empty(RtpKeys.Advice(options.Rtp, options.Sip));
    }

    [Theory]
    [InlineData("Rtp:Address6", "10.0.0.1", "an IPv6 address such as 2001:db8::20")]
    [InlineData("Rtp:Address", "::1", "an IPv4 address such as 192.168.1.20 or 0.0.0.0")]
    [InlineData("Rtp:Address", "127.1", "an IPv4 address such as 192.168.1.20 or 0.0.0.0")]
    [InlineData("Rtp:Encryption", "sometimes", "off, optional or required")]
    [InlineData("Rtp:InactivityTimeout", "2h", "off (or 0), or a duration from 1s to 1h such as 30s, 10m or 1h")]
    [InlineData("Sip:Codecs", "PCMU, G729", "G722, PCMU, PCMA, opus or telephone-event")]
    [InlineData("Sip:UserAgent", "CallSync\r\nX-Injected: 1", "printable text of at most 128 characters")]
    [InlineData("Sip:Domain", "pbx.example.com/path", "HOST or HOST:PORT (an IPv6 address in brackets)")]
    public void Read_BadValue_NamesKeyAndWhatItAccepts(string key, string value, string accepts) =>
        Assert.EndsWith("is invalid; expected " + accepts, Assert.Single(Problems((key, value))), StringComparison.Ordinal);

    [Fact]
    public void Read_Codecs_CommaListInAnyCaseSpelledAsDeclared() =>
        Assert.Equal(["G722", "PCMU", "telephone-event"], Read(("Sip:Codecs", "g722,pcmu, TELEPHONE-EVENT")).Sip.Codecs);

    [Theory]
    [InlineData("telephone-event", "configuration: Sip:Codecs = \"telephone-event\" is invalid; expected at least one audio codec: G722, PCMU, PCMA or opus")]
    [InlineData("PCMU,PCMA,pcmu", "configuration: Sip:Codecs = \"pcmu\" is invalid; expected a value not already in the list")]
    public void Read_UnusableCodecList_Refused(string value, string expected) =>
        Assert.Equal(expected, Assert.Single(Problems(("Sip:Codecs", value))));

    [Fact]
    public void Read_CodecArrayWithoutAudio_NamesTheWholeList() =>
        Assert.Equal("configuration: Sip:Codecs = \"telephone-event\" is invalid; expected at least one audio codec: G722, PCMU, PCMA or opus",
            Assert.Single(Problems(("Sip:Codecs:0", "telephone-event"))));

    [Fact]
    public void Read_CodecArrayWithABadItem_OnlyThatItemIsNamed() =>
        Assert.Equal("configuration: Sip:Codecs:1 = \"G729\" is invalid; expected G722, PCMU, PCMA, opus or telephone-event",
            Assert.Single(Problems(("Sip:Codecs:0", "telephone-event"), ("Sip:Codecs:1", "G729"))));

    [Fact]
    public void Read_TlsFiles_LoadedIntoTheUserAgentsOptions()
    {
        var (ca, certificate, key) = TlsFiles();

        var sip = Read(("Sip:Tls:Certificate", certificate), ("Sip:Tls:PrivateKey", key), ("Sip:Tls:CaFile", ca),
            ("Sip:Listen:0", "tls:127.0.0.1:0"), ("Sip:Registrar", "sips:pbx.example.com")).Sip;

        Assert.Equal((certificate, key, ca), (sip.Tls.Certificate, sip.Tls.PrivateKey, sip.Tls.CaFile));
        Assert.Equal("CN=CallSync Test CA", Assert.Single(sip.UserAgent.Tls!.TrustedRoots!).Subject);
        Assert.Equal("CN=desk-0001.example", sip.UserAgent.Tls.Certificate!.Subject);
        Assert.Equal(SipTransportKind.Tls, sip.UserAgent.DomainTransport);
        Assert.Equal("pbx.example.com", sip.UserAgent.Domain);
    }

    [Theory]
    [InlineData("sip:pbx.example.com;transport=tls", SipTransportKind.Tls)]
    [InlineData("sip:pbx.example.com;transport=TCP", SipTransportKind.Tcp)]
    [InlineData("sip:pbx.example.com", null)]
    public void Read_RegistrarTransport_ReachesTheDomainThatWay(string registrar, SipTransportKind? expected) =>
        Assert.Equal(expected, Read(("Sip:Registrar", registrar)).Sip.UserAgent.DomainTransport);

    [Fact]
    public void Read_TlsCertificateNotPem_RefusedNamingTheFile()
    {
        var (ca, _, key) = TlsFiles();
        var certificate = PemFile("broken.crt", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var problem = Assert.Single(Problems(("Sip:Tls:Certificate", certificate), ("Sip:Tls:PrivateKey", key), ("Sip:Tls:CaFile", ca)));

        Assert.StartsWith($"configuration: Sip:Tls:Certificate = \"{certificate}\" is invalid; expected a PEM certificate whose private key is Sip:Tls:PrivateKey ({certificate} and {key}: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TlsCaFileWithoutCertificates_Refused()
    {
        var ca = PemFile("ca.pem", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal($"configuration: Sip:Tls:CaFile = \"{ca}\" is invalid; expected a PEM file of CA certificates ({ca}: holds no PEM certificate (-----BEGIN CERTIFICATE-----))",
            Assert.Single(Problems(("Sip:Tls:CaFile", ca))));
    }

    [Fact]
    public void Read_TlsListenWithoutCertificate_Refused() =>
        Assert.Equal("configuration: Sip:Listen = \"tls:127.0.0.1:5061, tcp:127.0.0.1:5060\" is invalid; expected udp: or tcp: entries only, or the phone's certificate for tls:127.0.0.1:5061 (Sip:Tls:Certificate and Sip:Tls:PrivateKey)",
            Assert.Single(Problems(("Sip:Listen:0", "tls:127.0.0.1:5061"))));

    [Fact]
    public void Read_TlsKeyReadableByOthers_Refused()
    {
        var certificate = PemFile("phone.crt", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var key = PemFile("phone.key", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.Equal(
            $"configuration: Sip:Tls:PrivateKey = \"{key}\" is invalid; expected an absolute path to an existing PEM file readable by its owner only (chmod 600)",
            Assert.Single(Problems(("Sip:Tls:Certificate", certificate), ("Sip:Tls:PrivateKey", key))));
    }

    [Fact]
    public void Read_TlsCertificateMissingOrAlone_Refused()
    {
        var missing = Path.Combine(_dir, "absent.crt");
        var certificate = PemFile("phone.crt", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal($"configuration: Sip:Tls:CaFile = \"{missing}\" is invalid; expected an absolute path to an existing PEM file",
            Assert.Single(Problems(("Sip:Tls:CaFile", missing))));
        Assert.Equal("configuration: Sip:Tls:PrivateKey is missing; expected the private key of Sip:Tls:Certificate (an absolute path to a PEM file, chmod 600)",
            Assert.Single(Problems(("Sip:Tls:Certificate", certificate))));
    }
}
