using System.Buffers;

namespace CallSync.Companion.Framing;

/// <summary>One decoded frame. <see cref="Payload"/> points into the reader's buffer: valid until it is advanced.</summary>
public readonly struct CompanionFrame(MessageType type, ReadOnlySequence<byte> payload)
{
    /// <summary>The message type byte (may be a value this version does not know).</summary>
    public MessageType Type { get; } = type;

    /// <summary>The bytes after the type byte.</summary>
    public ReadOnlySequence<byte> Payload { get; } = payload;
}
