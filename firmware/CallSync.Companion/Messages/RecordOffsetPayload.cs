using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>The payload two messages share: a record id and a byte offset into its recording.</summary>
internal static class RecordOffsetPayload
{
    /// <summary>Reads the id and the offset; false when anything is missing or left over.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out string recordId, out ulong offset)
    {
        var reader = new PayloadReader(payload.Span);
        offset = 0;
        return reader.TryReadString(out recordId) && reader.TryReadUInt64(out offset) && reader.Remaining == 0;
    }

    public static int GetSize(string recordId) => PayloadWriter.SizeOf(recordId) + sizeof(ulong);

    public static void Write(ref PayloadWriter writer, string recordId, ulong offset)
    {
        writer.WriteString(recordId);
        writer.WriteUInt64(offset);
    }
}
