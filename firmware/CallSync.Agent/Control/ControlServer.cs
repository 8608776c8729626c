using System.Net.Sockets;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Control;

/// <summary>
/// Serves the local control socket (a Unix socket, owner-only) that <c>callsync</c> talks to: one JSON request
/// line, one JSON response line per connection (see CallSync.Control.ControlProtocol).
/// </summary>
internal sealed class ControlServer(ControlOptions options, ControlDispatcher dispatcher, ILogger<ControlServer> logger)
    : BackgroundService, IStatusSource
{
    // A technician's command is short; a client that sends nothing for this long is dropped.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    // Commands such as dial wait for the call to be placed, not for it to end.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private Socket? _listener;

    public string Name => "control";

    public string Describe() => _listener is null ? "not listening" : $"unix:{options.Socket}";

    public string? Problem() => _listener is null ? "control socket not listening" : null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RemoveStaleSocketAsync(cancellationToken).ConfigureAwait(false);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(options.Socket));
            // Owner only: the socket can place calls and change the board.
            File.SetUnixFileMode(options.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new StartupError($"control: cannot listen on {options.Socket} ({ex.SocketErrorCode})");
        }

        _listener = listener;
        Log.ControlListening(logger, options.Socket);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        TryDelete(options.Socket);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener!;
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                Log.ControlConnectionFailed(logger, ex);
                continue;
            }

            _ = ServeAsync(client, stoppingToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stoppingToken)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(RequestTimeout);
                var line = await LineReader.ReadLineAsync(client, ControlProtocol.MaxMessageBytes, timeout.Token).ConfigureAwait(false);
                ControlResponse response;
                if (line is null)
                {
                    Log.ControlRejected(logger, "no complete request line (closed early or over 64 KiB)");
                    response = ControlResponse.Usage("no complete request line");
                }
                else if (!ControlProtocol.TryDecode(line, out var request, out var error))
                {
                    Log.ControlRejected(logger, error);
                    response = ControlResponse.Usage(error);
                }
                else
                {
                    timeout.CancelAfter(CommandTimeout);
                    response = await dispatcher.DispatchAsync(request!, timeout.Token).ConfigureAwait(false);
                }

                await client.SendAsync(ControlProtocol.Encode(response), SocketFlags.None, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                Log.ControlConnectionFailed(logger, ex);
            }
        }
    }

    // A socket file left by a killed agent blocks bind; one that still answers belongs to a running agent.
    private async Task RemoveStaleSocketAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Socket))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(options.Socket), cancellationToken).ConfigureAwait(false);
            throw new StartupError($"control: another agent is already serving {options.Socket}");
        }
        catch (SocketException)
        {
            TryDelete(options.Socket);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
