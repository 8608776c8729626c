namespace CallSync.Agent.Calls.Events;

/// <summary>
/// A message to the call manager's loop: something happened (SIP, the board, media, a finished record) or someone
/// asks for something (dial, answer, hang up, hold). Writers never block; the loop handles one at a time.
/// </summary>
internal abstract record CallEvent;
