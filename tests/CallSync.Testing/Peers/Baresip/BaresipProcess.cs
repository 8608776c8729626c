using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CallSync.Testing.Files;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;

namespace CallSync.Testing.Peers.Baresip;

/// <summary>
/// baresip 1.0 headless on 127.0.0.1: aufile as microphone, aubridge as speaker, commands over ctrl_tcp (netstring
/// JSON). One SIGTERM only unregisters it, so it is stopped with a "quit" command first.
/// </summary>
public sealed class BaresipProcess : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _directory;

    private BaresipProcess(TempDirectory directory, string user, int sipPort, int controlPort, ChildProcess process)
    {
        _directory = directory;
        SipPort = sipPort;
        ControlPort = controlPort;
        Uri = $"sip:{user}@127.0.0.1:{sipPort.ToString(CultureInfo.InvariantCulture)}";
        Process = process;
    }

    public int SipPort { get; }

    public int ControlPort { get; }

    /// <summary>Where to call it.</summary>
    public string Uri { get; }

    public ChildProcess Process { get; }

    public string Output => Process.Output;

    /// <summary>Starts baresip and waits until it says it is ready.</summary>
    public static async Task<BaresipProcess> StartAsync(BaresipOptions options)
    {
        Tool.Require("baresip", "baresip");
        var directory = new TempDirectory("callsync-baresip-");
        try
        {
            var sipPort = FreePort.Udp();
            var controlPort = FreePort.Tcp();
            File.WriteAllText(directory.File("config"), $"""
                module_path /usr/lib/baresip/modules
                sip_listen 127.0.0.1:{sipPort}
                audio_source aufile,{options.AudioSource}
                audio_player aubridge,nil
                audio_alert aubridge,nil
                module g711.so
                module aufile.so
                module aubridge.so
                {(options.MediaEncryption is null ? string.Empty : "module srtp.so")}
                module account.so
                module menu.so
                module ctrl_tcp.so
                ctrl_tcp_listen 127.0.0.1:{controlPort}

                """);
            var encryption = options.MediaEncryption is null ? string.Empty : ";mediaenc=" + options.MediaEncryption;
            File.WriteAllText(directory.File("accounts"),
                $"<sip:{options.User}@127.0.0.1>;regint=0;answermode={options.AnswerMode};audio_codecs={options.Codecs}{encryption}\n");
            File.WriteAllText(directory.File("contacts"), string.Empty);
            var process = ChildProcess.Start(new ChildProcessOptions("baresip", "-f", directory.Path) { WorkingDirectory = directory.Path });
            var baresip = new BaresipProcess(directory, options.User, sipPort, controlPort, process);
            try
            {
                await process.WaitForLineAsync("baresip is ready", Startup).ConfigureAwait(false);
                return baresip;
            }
            catch
            {
                baresip.Dispose();
                throw;
            }
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Sends one ctrl_tcp command ("dial", "sip:1001@127.0.0.1:5060") and returns baresip's reply.</summary>
    public async Task<string> SendCommandAsync(string command, string parameters = "")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", ControlPort, timeout.Token).ConfigureAwait(false);
        var json = $"{{\"command\":\"{command}\",\"params\":\"{parameters}\",\"token\":\"t\"}}";
        var netstring = $"{Encoding.UTF8.GetByteCount(json)}:{json},";
        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(netstring), timeout.Token).ConfigureAwait(false);
        var buffer = new byte[4096];
        var read = await tcp.GetStream().ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            try
            {
                SendCommandAsync("quit").GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                // not answering: the group is stopped below
            }
        }

        Process.Dispose();
        _directory.Dispose();
    }
}
