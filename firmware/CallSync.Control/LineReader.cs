using System.Net.Sockets;

namespace CallSync.Control;

/// <summary>Reads one newline-terminated message from a socket, bounded in size.</summary>
public static class LineReader
{
    /// <summary>
    /// The bytes before the first newline; null when the peer closed first or the line passed
    /// <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<byte[]?> ReadLineAsync(Socket socket, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[Math.Min(maxBytes + 1, 4096)];
        var filled = 0;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, filled);
            if (newline >= 0)
            {
                return buffer.AsSpan(0, newline).ToArray();
            }

            if (filled > maxBytes)
            {
                return null;
            }

            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }
    }
}
