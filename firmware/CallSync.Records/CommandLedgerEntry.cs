namespace CallSync.Records;

/// <summary>A remote command seen before, with the replies it got.</summary>
/// <param name="CommandId">The command id.</param>
/// <param name="ReceivedAt">First receipt.</param>
/// <param name="AcceptedReply">The "accepted" reply payload, if it was accepted.</param>
/// <param name="FinalReply">The final (succeeded / failed / rejected) reply payload; null while executing.</param>
public sealed record CommandLedgerEntry(string CommandId, DateTimeOffset ReceivedAt, byte[]? AcceptedReply, byte[]? FinalReply);
