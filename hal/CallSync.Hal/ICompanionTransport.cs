namespace CallSync.Hal;

/// <summary>
/// Where the paired mobile connects: Bluetooth RFCOMM on a board, TCP in simulation. Each accepted
/// connection is a plain byte stream; the companion protocol above it is the same for both.
/// </summary>
public interface ICompanionTransport : IAsyncDisposable
{
    /// <summary>What it listens on, for status and logs (e.g. "tcp:127.0.0.1:7301", "rfcomm:channel 3").</summary>
    string Endpoint { get; }

    /// <summary>Waits for the next connection.</summary>
    ValueTask<Stream> AcceptAsync(CancellationToken cancellationToken);
}
