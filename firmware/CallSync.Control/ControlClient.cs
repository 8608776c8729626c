using System.Net.Sockets;

namespace CallSync.Control;

/// <summary>Sends one command to a running agent over its Unix control socket.</summary>
public static class ControlClient
{
    /// <summary>
    /// Sends <paramref name="request"/> to the socket at <paramref name="socketPath"/> and waits for the answer.
    /// An unreachable agent or a broken answer comes back as a response with <see cref="ControlExit.Unreachable"/>.
    /// </summary>
    public static async Task<ControlResponse> SendAsync(string socketPath, ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            await socket.SendAsync(ControlProtocol.Encode(request), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var line = await LineReader.ReadLineAsync(socket, ControlProtocol.MaxMessageBytes, cancellationToken).ConfigureAwait(false);
            return line is not null && ControlProtocol.TryDecode(line, out var response)
                ? response!
                : new ControlResponse(ControlExit.Unreachable, "the agent closed the control connection without an answer");
        }
        catch (SocketException ex)
        {
            return new ControlResponse(ControlExit.Unreachable,
                $"cannot reach the agent at {socketPath}: {ex.SocketErrorCode} (is callsync-agent running with this config?)");
        }
    }
}
