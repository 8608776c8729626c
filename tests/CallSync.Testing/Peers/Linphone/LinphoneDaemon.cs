using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CallSync.Testing.Files;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Testing.Peers.Linphone;

/// <summary>
/// linphone-daemon (Debian linphone-cli 5.1.65) headless on 127.0.0.1: its own HOME (it keeps its databases in
/// ~/.local/share/linphone and opens no SIP listener without that directory), SIP on one port for UDP and TCP, its
/// own RTP range, commands over the Unix socket /tmp/PIPE (one command per connection), a verbose log file that holds
/// the end-of-call RTP statistics. Stopped with <c>quit</c>, then its process group.
/// </summary>
public sealed partial class LinphoneDaemon : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _home;

    private LinphoneDaemon(TempDirectory home, LinphoneOptions options, int sipPort, string pipe, ChildProcess process)
    {
        _home = home;
        Options = options;
        SipPort = sipPort;
        PipeName = pipe;
        Process = process;
    }

    public LinphoneOptions Options { get; }

    public int SipPort { get; }

    /// <summary>The command socket's name: the socket is /tmp/<see cref="PipeName"/>.</summary>
    public string PipeName { get; }

    public ChildProcess Process { get; }

    /// <summary>linphone's own log (SIP messages, media graph, RTP statistics).</summary>
    public string LogPath => _home.File("linphone.log");

    /// <summary>Its identity: <c>sip:USER@127.0.0.1</c>.</summary>
    public string Identity => $"sip:{Options.User}@127.0.0.1";

    /// <summary>Where to call it over <paramref name="transport"/>.</summary>
    public string Address(LinphoneTransport transport) =>
        $"sip:{Options.User}@127.0.0.1:{SipPort.ToString(CultureInfo.InvariantCulture)}" + (transport == LinphoneTransport.Tcp ? ";transport=tcp" : string.Empty);

    /// <summary>Starts linphone-daemon, waits until it answers commands and listens for SIP, then applies the codec list.</summary>
    public static async Task<LinphoneDaemon> StartAsync(LinphoneOptions? options = null)
    {
        options ??= new LinphoneOptions();
        Tool.Require("linphone-daemon", "linphone-cli");
        var home = new TempDirectory("callsync-linphone-");
        try
        {
            home.Subdirectory(".local", "share", "linphone");
            var sipPort = FreePort.TcpAndUdp();
            var rtp = FreePort.UdpRange(20);
            var config = home.File("linphonerc");
            File.WriteAllText(config, Config(options, sipPort, rtp));
            var pipe = "callsync-linphone-" + Guid.NewGuid().ToString("N")[..12];
            List<string> arguments = ["--config", config, "--pipe", pipe, "--log", home.File("linphone.log")];
            if (options.AutoAnswer)
            {
                arguments.Add("--auto-answer");
            }

            var process = ChildProcess.Start(new ChildProcessOptions("linphone-daemon", arguments)
            {
                WorkingDirectory = home.Path,
                Environment = new Dictionary<string, string?> { ["HOME"] = home.Path },
            });
            var daemon = new LinphoneDaemon(home, options, sipPort, pipe, process);
            try
            {
                await daemon.WaitUntilServingAsync().ConfigureAwait(false);
                if (options.Codecs is { } codecs)
                {
                    await daemon.UseOnlyCodecsAsync(codecs).ConfigureAwait(false);
                }

                return daemon;
            }
            catch
            {
                daemon.Dispose();
                throw;
            }
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends one command and returns the answer, whatever its status. The connection is half-closed after the
    /// command: linphone-daemon then answers and closes it.
    /// </summary>
    public async Task<LinphoneReply> SendAsync(string command)
    {
        using var timeout = new CancellationTokenSource(CommandTimeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint("/tmp/" + PipeName), timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(Encoding.UTF8.GetBytes(command + "\n"), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
            var answer = new StringBuilder();
            var buffer = new byte[8192];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false)) > 0)
            {
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            return LinphoneReply.Parse(answer.ToString());
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            throw new InvalidOperationException($"linphone-daemon did not answer \"{command}\" ({ex.Message}): {Process.Describe()}", ex);
        }
    }

    /// <summary>Sends a command that must succeed; throws with linphone's reason and output otherwise.</summary>
    public async Task<LinphoneReply> RunAsync(string command)
    {
        var reply = await SendAsync(command).ConfigureAwait(false);
        return reply.IsOk
            ? reply
            : throw new InvalidOperationException($"linphone refused \"{command}\": {reply.Reason}\n{Process.Describe()}");
    }

    /// <summary>Everything linphone logged so far.</summary>
    public string ReadLog()
    {
        if (!File.Exists(LogPath))
        {
            return string.Empty;
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The RTP statistics of every call that ended so far (from the log).</summary>
    public IReadOnlyList<LinphoneRtpStatistics> ReadRtpStatistics() => LinphoneRtpStatistics.ParseAll(ReadLog());

    /// <summary>
    /// The daemon's state and output, the errors in its log (e.g. "Failed to parse SDP message", "Incompatible SDP
    /// answer received"), and the tail of its log, for failure messages.
    /// </summary>
    public string Describe()
    {
        var log = ReadLog().Split('\n');
        var errors = log.Where(l => l.Contains("-error-", StringComparison.Ordinal) && !l.Contains("ToneManager", StringComparison.Ordinal));
        return Process.Describe()
            + "\n--- linphone's errors ---\n" + string.Join('\n', errors.TakeLast(20))
            + "\n--- linphone's log (tail) ---\n" + string.Join('\n', log.TakeLast(60));
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            try
            {
                SendAsync("quit").GetAwaiter().GetResult();
                Process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                // not answering: the group is stopped below
            }
        }

        Process.Dispose();
        File.Delete("/tmp/" + PipeName); // linphone removes it on quit, not when killed
        _home.Dispose();
    }

    private static string Config(LinphoneOptions options, int sipPort, int rtp)
    {
        var info = options.Dtmf == LinphoneDtmf.SipInfo;
        return $"""
            [sip]
            sip_port={sipPort}
            sip_tcp_port={sipPort}
            sip_tls_port=-1
            bind_address=127.0.0.1
            use_ipv6=0
            guess_hostname=0
            contact="{options.User}" <sip:{options.User}@127.0.0.1>
            use_info={(info ? 1 : 0)}
            use_rfc2833={(info ? 0 : 1)}
            media_encryption={(options.SrtpMandatory ? "srtp" : "none")}
            media_encryption_mandatory={(options.SrtpMandatory ? 1 : 0)}
            [rtp]
            bind_address=127.0.0.1
            audio_rtp_port={rtp}-{rtp + 19}
            [sound]
            echocancellation=0
            [video]
            capture=0
            display=0
            automatically_initiate=0
            automatically_accept=0

            """;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return (await SendAsync("version").ConfigureAwait(false)).IsOk;
        }
        catch (InvalidOperationException)
        {
            return false; // the socket exists, but nobody accepts on it yet
        }
    }

    private async Task WaitUntilServingAsync()
    {
        await Eventually.UntilAsync(
            async () => Process.HasExited || (File.Exists("/tmp/" + PipeName) && await AnswersAsync().ConfigureAwait(false)),
            Startup,
            () => "linphone-daemon's command socket: " + Describe()).ConfigureAwait(false);
        await Eventually.UntilAsync(
            () => Process.HasExited || Listening.OnUdp(SipPort),
            Startup,
            () => "linphone-daemon to listen for SIP (is ~/.local/share/linphone there?): " + Describe()).ConfigureAwait(false);
        if (Process.HasExited)
        {
            throw new InvalidOperationException("linphone-daemon exited at start: " + Describe());
        }
    }
}
