namespace CallSync.Companion;

/// <summary>Asks the desk phone user whether the code on the phone matches the one on the mobile.</summary>
public interface IPairingConfirmer
{
    /// <summary>True when the user confirmed; false when rejected. Cancelled when the pairing times out or fails.</summary>
    ValueTask<bool> ConfirmAsync(PairingPrompt prompt, CancellationToken cancellationToken);
}
