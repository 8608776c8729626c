using CallSync.Companion.Framing;

namespace CallSync.Companion.Protocol;

/// <summary>A received message: its type and its (decrypted) payload, owned by the receiver.</summary>
public readonly record struct InboundMessage(MessageType Type, ReadOnlyMemory<byte> Payload);
