namespace CallSync.Companion;

/// <summary>
/// The agent's call manager as the companion link sees it: the agent applies the same validation and busy
/// handling as for a remote dial, and raises <see cref="CallEvent"/> for calls the companions should follow.
/// </summary>
public interface ICompanionDialer
{
    /// <summary>Raised on ringing, answered and ended; forwarded to every authenticated companion.</summary>
    event EventHandler<CompanionCallEventArgs>? CallEvent;

    /// <summary>Places a call; returns when it was started or refused (not when it ends).</summary>
    ValueTask<CompanionDialOutcome> DialAsync(string number, CancellationToken cancellationToken);
}
