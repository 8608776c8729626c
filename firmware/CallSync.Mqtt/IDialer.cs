using CallSync.Contracts;

namespace CallSync.Mqtt;

/// <summary>The call-control seam remote commands act through; the agent's call manager implements it.</summary>
public interface IDialer
{
    /// <summary>What the phone is doing now (a dial is refused as busy unless idle).</summary>
    DeviceActivity Activity { get; }

    /// <summary>
    /// Places a call to <paramref name="number"/> (already normalised) and completes when the call has ended and
    /// its record was split, with the record id and result; or at once with Busy / Failed.
    /// </summary>
    Task<DialCommandOutcome> DialAsync(string number, CallOrigin origin, CancellationToken cancellationToken);

    /// <summary>Ends the current call; false when there was none.</summary>
    Task<bool> HangupAsync(CancellationToken cancellationToken);
}
