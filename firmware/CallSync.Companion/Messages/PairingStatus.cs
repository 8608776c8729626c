namespace CallSync.Companion.Messages;

/// <summary>Outcome field of PairResult.</summary>
public enum PairingStatus : byte
{
    /// <summary>Both users confirmed; the long-term key is stored on both sides.</summary>
    Paired = 0,

    /// <summary>The desk phone user rejected the code (or did not answer in time).</summary>
    RejectedOnPhone = 1,

    /// <summary>The app user rejected the code.</summary>
    RejectedOnCompanion = 2,
}
