namespace CallSync.Media.Session;

/// <summary>
/// Takes a <see cref="Lock"/> held only briefly by another thread (one datagram, one packet's cipher work) by spinning
/// rather than waiting: a waiting <see cref="Lock"/> creates its wait event on first contention, an allocation on the
/// audio clock's thread in the middle of a call.
/// </summary>
internal static class SpinningGate
{
    /// <summary>Enters <paramref name="gate"/>; the caller exits it.</summary>
    public static void Enter(Lock gate)
    {
        var spin = default(SpinWait);
        while (!gate.TryEnter())
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
