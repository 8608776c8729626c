using System.Globalization;

namespace CallSync.Testing.Peers.Sipp;

/// <summary>
/// The cumulative counters of a sipp run, from the last row of its <c>-trace_stat</c> file (';'-separated, a header
/// row, then one row per <c>-fd</c> period; sipp writes a final row when it exits).
/// </summary>
public sealed record SippStatistics(int Created, int Successful, int Failed, int Retransmissions, int UdpRetransmissionTimeouts)
{
    public static SippStatistics ReadLast(string path)
    {
        var rows = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (rows.Length < 2)
        {
            throw new InvalidDataException($"{path} has no statistics row:\n{string.Join('\n', rows)}");
        }

        var header = rows[0].Split(';');
        var last = rows[^1].Split(';');
        int Counter(string name)
        {
            var index = Array.IndexOf(header, name);
            return index < 0 || index >= last.Length
                ? throw new InvalidDataException($"{path} has no column {name}")
                : int.Parse(last[index], CultureInfo.InvariantCulture);
        }

        return new SippStatistics(
            Counter("TotalCallCreated"), Counter("SuccessfulCall(C)"), Counter("FailedCall(C)"),
            Counter("Retransmissions(C)"), Counter("FailedMaxUDPRetrans(C)"));
    }
}
