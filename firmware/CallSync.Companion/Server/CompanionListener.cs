using CallSync.Hal;

namespace CallSync.Companion.Server;

/// <summary>One transport the server accepts companions on, with the recording chunk size that suits its link.</summary>
/// <param name="Transport">TCP, RFCOMM or the LE L2CAP channel.</param>
/// <param name="ChunkSize">
/// Bytes of recording per <c>RecordingChunk</c> on this link: <see cref="CompanionServerOptions.DefaultChunkSize"/> for
/// TCP and RFCOMM, <see cref="CompanionServerOptions.LeChunkSize"/> for LE.
/// </param>
public sealed record CompanionListener(ICompanionTransport Transport, int ChunkSize = CompanionServerOptions.DefaultChunkSize);
