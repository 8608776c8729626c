namespace CallSync.Media.Tests.Support;

/// <summary>One datagram a test sends, and when (milliseconds from the start of media).</summary>
internal sealed record PlannedPacket(double SendAtMs, byte[] Datagram, int Index);
