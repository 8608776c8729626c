using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: one piece of a recording.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Offset">Where Data starts in the file.</param>
/// <param name="Data">The bytes (at most 32 KiB by default).</param>
public sealed record RecordingChunk(
    string RecordId,
    ulong Offset,
    ReadOnlyMemory<byte> Data) : ICompanionMessage<RecordingChunk>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.RecordingChunk;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out RecordingChunk message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string recordId)
            || !reader.TryReadUInt64(out ulong offset))
        {
            message = null!;
            return false;
        }

        message = new RecordingChunk(recordId, offset, payload[reader.Position..]);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(RecordId) + 8 + Data.Length;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(RecordId);
        writer.WriteUInt64(Offset);
        writer.WriteRest(Data.Span);
    }
}
