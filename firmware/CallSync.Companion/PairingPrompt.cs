namespace CallSync.Companion;

/// <summary>What the desk phone user is asked to confirm during pairing.</summary>
/// <param name="Code">The six digits, also shown on the app.</param>
/// <param name="AppUserId">The app user asking to pair.</param>
/// <param name="CompanionName">The mobile's name.</param>
public sealed record PairingPrompt(string Code, string AppUserId, string CompanionName);
