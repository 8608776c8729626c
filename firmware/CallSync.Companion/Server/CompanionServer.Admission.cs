using System.Net;
using System.Net.Sockets;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;
using CallSync.Configuration.Logging;

namespace CallSync.Companion.Server;

/// <summary>
/// Slots for people, not sockets (docs/companion-protocol.md, section 9): authenticated sessions have their own
/// budget (<see cref="CompanionServerOptions.MaxSessions"/>); connections that have not authenticated share a small
/// one, overall and per source address, and a new connection always gets in by closing the oldest of them. So
/// loitering connections cannot lock a paired companion out, and their refusals cost one log line per interval.
/// </summary>
public sealed partial class CompanionServer
{
    private readonly Lock _admission = new();
    private readonly LogFloodGate _outsiderLines;

    /// <summary>
    /// Sets an authenticated session's slot aside, or refuses with <see cref="ErrorCode.Busy"/> when
    /// <see cref="CompanionServerOptions.MaxSessions"/> sessions of other companions hold one (its own older sessions
    /// are about to be taken over, so they do not count).
    /// </summary>
    internal void ClaimAuthenticatedSlot(CompanionSession session)
    {
        lock (_admission)
        {
            int others = _sessions.Values.Count(s => s.HoldsAuthenticatedSlot && !ReferenceEquals(s, session) && s.CompanionId != session.CompanionId);
            if (others >= Options.MaxSessions)
            {
                throw new CompanionProtocolException(ErrorCode.Busy, $"the desk phone serves its maximum of {Options.MaxSessions} companions");
            }

            session.HoldsAuthenticatedSlot = true;
        }
    }

    /// <summary>
    /// Logs a line an unauthenticated peer caused through the outsider gate: the first of its kind in each
    /// <see cref="CompanionServerOptions.RefusalLogInterval"/> with the count of the ones it stands for.
    /// </summary>
    internal void LogOutsider(int eventId, Action<long> write)
    {
        if (_outsiderLines.TryPass(nameof(CompanionServer), eventId, out long heldBack))
        {
            write(heldBack + 1);
        }
    }

    /// <summary>Where a connection comes from, for the per-source budget: the IP address over TCP, else the listener.</summary>
    private static string SourceOf(Stream stream, string endpoint)
    {
        try
        {
            return stream is NetworkStream { Socket.RemoteEndPoint: IPEndPoint remote } ? remote.Address.ToString() : endpoint;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return endpoint;
        }
    }

    /// <summary>Lists a new connection, closing the oldest unauthenticated ones its arrival puts over budget.</summary>
    private void Admit(CompanionSession session)
    {
        List<CompanionSession> evicted = [];
        lock (_admission)
        {
            var waiting = _sessions.Values.Where(s => !s.HoldsAuthenticatedSlot && !s.Evicted).OrderBy(s => s.Connection).ToList();
            var fromSource = waiting.Where(s => s.Source == session.Source).ToList();
            for (int i = 0; i <= fromSource.Count - Options.MaxUnauthenticatedPerSource; i++)
            {
                evicted.Add(fromSource[i]);
            }

            var rest = waiting.Except(evicted).ToList();
            for (int i = 0; i <= rest.Count - Options.MaxUnauthenticated; i++)
            {
                evicted.Add(rest[i]);
            }

            foreach (var old in evicted)
            {
                old.Evicted = true;
            }

            _sessions[session.Connection] = session;
        }

        foreach (var old in evicted)
        {
            LogOutsider(6008, count => Log.Evicted(Logger, old.Connection, old.Source, session.Connection, count));
            old.Stop();
        }
    }
}
