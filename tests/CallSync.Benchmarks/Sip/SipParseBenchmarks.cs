using BenchmarkDotNet.Attributes;
using CallSync.Sip.Syntax;

namespace CallSync.Benchmarks.Sip;

/// <summary>
/// Parsing and serialising the SIP messages of a call setup. "Parse" is what the transport does for every datagram;
/// "ParseAndReadDialogHeaders" adds what a UAS reads for every request (top Via, From, To, CSeq, Call-ID).
/// </summary>
[MemoryDiagnoser]
public class SipParseBenchmarks
{
    private readonly byte[] _output = new byte[4096];

    /// <summary>Parse the ~900-byte INVITE with SDP.</summary>
    [Benchmark]
    public SipMessage? ParseInvite() => SipMessage.TryParse(SipBenchmarkMessages.Invite, out var m, out _) ? m : null;

    /// <summary>Parse the INVITE and materialise the headers a UAS reads for every request.</summary>
    [Benchmark]
    public string? ParseInviteAndReadDialogHeaders()
    {
        return !SipMessage.TryParse(SipBenchmarkMessages.Invite, out var m, out _) ? null : m.TopVia!.Branch! + m.From!.Tag + m.To!.Uri.Host + m.CallId + m.CSeq.Sequence;
    }

    /// <summary>Parse the 200 OK.</summary>
    [Benchmark]
    public SipMessage? ParseOk() => SipMessage.TryParse(SipBenchmarkMessages.Ok, out var m, out _) ? m : null;

    /// <summary>Parse the INVITE and serialise it into a caller buffer.</summary>
    [Benchmark]
    public int ParseAndWriteInvite()
    {
        return SipMessage.TryParse(SipBenchmarkMessages.Invite, out var m, out _) && m.TryWrite(_output, out var written) ? written : -1;
    }

    /// <summary>Parse the 200 OK and serialise it into a caller buffer.</summary>
    [Benchmark]
    public int ParseAndWriteOk()
    {
        return SipMessage.TryParse(SipBenchmarkMessages.Ok, out var m, out _) && m.TryWrite(_output, out var written) ? written : -1;
    }

    /// <summary>Build a 200 OK for the INVITE (copy Via/From/To/Call-ID/CSeq, add a To tag) and serialise it.</summary>
    [Benchmark]
    public int BuildResponseToInvite()
    {
        if (!SipMessage.TryParse(SipBenchmarkMessages.Invite, out var m, out _))
        {
            return -1;
        }

        var b = SipResponseBuilder.CreateFor((SipRequest)m, 200, toTag: "a6c85cf");
        return b.TryWrite(_output, out var written) ? written : -1;
    }
}
