using CallSync.Sip.Syntax;

namespace CallSync.Sip.Fuzz;

/// <summary>
/// One fuzz iteration: the datagram parser, every typed accessor, validation, serialisation and the stream
/// decoder over the same bytes. Anything thrown is a bug; a broken invariant throws <see cref="FuzzInvariantException"/>.
/// </summary>
internal static class FuzzTarget
{
    internal static void Run(ReadOnlySpan<byte> input, int splitSeed)
    {
        if (SipMessage.TryParse(input, out var message, out var error))
        {
            Exercise(message);
            var bytes = message.ToArray();
            if (!SipMessage.TryParse(bytes, out var again, out var error2))
            {
                throw new FuzzInvariantException("A serialised message does not parse again: " + error2.Reason);
            }

            if (again.Headers.Count != message.Headers.Count || again.ContentLength != message.ContentLength)
            {
                throw new FuzzInvariantException("Round trip changed the header count or body length.");
            }
        }
        else
        {
            if (string.IsNullOrEmpty(error.Reason))
            {
                throw new FuzzInvariantException("A rejection without a reason.");
            }

            if (error.Request is { } partial)
            {
                Exercise(partial);
                _ = SipResponseBuilder.CreateFor(partial, error.StatusCode == 0 ? 400 : error.StatusCode, error.Reason, "fuzz").ToArray();
            }
        }

        DecodeAsStream(input, splitSeed);
    }

    private static void Exercise(SipMessage m)
    {
        _ = m.Headers.ToArray();
        _ = m.Vias.Count + m.Contacts.Count + m.Routes.Count + m.RecordRoutes.Count + m.CallInfo.Count + m.AlertInfo.Count;
        _ = m.From?.ToString();
        _ = m.To?.Tag;
        _ = m.TopVia?.RPort;
        _ = m.CSeq.ToString();
        _ = m.MaxForwards;
        _ = m.Expires;
        _ = m.MinExpires;
        _ = m.SessionExpires?.ToString();
        _ = m.MinSessionExpires;
        _ = m.AnswerAfter;
        _ = m.WwwAuthenticate.Count + m.ProxyAuthenticate.Count + m.Authorization.Count + m.ProxyAuthorization.Count;
        _ = m.Supported.Count + m.Require.Count + m.Allow.Count;
        _ = m.TryValidate(out _);
        foreach (var c in m.Contacts)
        {
            _ = c.Expires;
            _ = c.Uri.ToString();
        }

        if (m is SipRequest r)
        {
            _ = r.RequestUri?.ToString();
            _ = r.ToBuilder().ToArray();
        }
        else if (m is SipResponse s)
        {
            _ = s.ReasonPhrase;
        }
    }

    private static void DecodeAsStream(ReadOnlySpan<byte> input, int seed)
    {
        var decoder = new SipStreamDecoder();
        var random = new Random(seed);
        var buffer = new byte[input.Length];
        var buffered = 0;
        var offset = 0;

        // Each step either consumes bytes or adds at least one: bounded by 2 * length + 2 steps.
        for (var steps = 0; steps <= (2 * input.Length) + 2; steps++)
        {
            var status = decoder.Decode(buffer.AsSpan(0, buffered), out _, out var consumed, out _);
            if (consumed < 0 || consumed > buffered)
            {
                throw new FuzzInvariantException("Decoder consumed outside the buffer.");
            }

            if (status is SipDecodeStatus.Error)
            {
                return;
            }

            if (status == SipDecodeStatus.NeedMoreData)
            {
                if (consumed != 0)
                {
                    throw new FuzzInvariantException("NeedMoreData consumed bytes.");
                }

                if (offset == input.Length)
                {
                    return;
                }

                var take = Math.Min(input.Length - offset, 1 + random.Next(64));
                input.Slice(offset, take).CopyTo(buffer.AsSpan(buffered));
                buffered += take;
                offset += take;
                continue;
            }

            if (consumed == 0)
            {
                throw new FuzzInvariantException("Decoder made no progress.");
            }

            Buffer.BlockCopy(buffer, consumed, buffer, 0, buffered - consumed);
            buffered -= consumed;
        }

        throw new FuzzInvariantException("Stream decoding did not finish.");
    }
}
