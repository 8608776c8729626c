using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>A message with a fixed type byte, a binary payload writer and a parser that never throws.</summary>
public interface ICompanionMessage<TSelf>
    where TSelf : ICompanionMessage<TSelf>
{
    /// <summary>The type byte this message travels under.</summary>
    static abstract MessageType Type { get; }

    /// <summary>Parses a payload; false when it is malformed.</summary>
    static abstract bool TryRead(ReadOnlyMemory<byte> payload, out TSelf message);

    /// <summary>Exact payload size in bytes.</summary>
    int GetSize();

    /// <summary>Writes the payload.</summary>
    void Write(ref PayloadWriter writer);
}
