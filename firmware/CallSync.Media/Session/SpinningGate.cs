namespace CallSync.Media.Session;

/// <summary>
/// Takes a <see cref="Lock"/> held only briefly by another thread (one datagram, one packet's cipher work) by spinning
/// rather than waiting: a waiting <see cref="Lock"/> creates its wait event on first contention, an allocation on the
/// audio clock's thread in the middle of a call.
/// </summary>
internal static class SpinningGate
{
    /// <summary>Enters <paramref name="gate"/> and exits it when the result is disposed: <c>using (SpinningGate.Hold(gate))</c>.</summary>
    public static Held Hold(Lock gate)
    {
        Enter(gate);
        return new Held(gate);
    }

    private static void Enter(Lock gate)
    {
        var spin = default(SpinWait);
        while (!gate.TryEnter())
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>A held gate; disposing it exits the gate.</summary>
    internal readonly ref struct Held(Lock gate)
    {
        public void Dispose() => gate.Exit();
    }
}
