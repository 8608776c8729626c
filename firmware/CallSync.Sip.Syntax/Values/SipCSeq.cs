using System.Globalization;

namespace CallSync.Sip.Syntax;

/// <summary>The CSeq header (RFC 3261 20.16): a sequence number below 2^31 and the request method.</summary>
/// <param name="Sequence">The sequence number.</param>
/// <param name="Method">The method.</param>
public readonly record struct SipCSeq(uint Sequence, SipMethod Method)
{
    /// <summary>Largest sequence number allowed (RFC 3261 8.1.1.5: less than 2^31).</summary>
    public const uint MaxSequence = int.MaxValue;

    /// <summary>Parses <c>number LWS method</c> from wire bytes; false when malformed or too large (RFC 4475 3.1.2.4).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipCSeq cseq)
    {
        cseq = default;
        value = value.Trim(" \t\r\n"u8);
        var ws = value.IndexOfAny(" \t\r\n"u8);
        if (ws <= 0 || !SipMessageParser.TryParseDigits(value[..ws], out var n) || n > MaxSequence)
        {
            return false;
        }

        if (!SipMethod.TryParse(value[ws..].TrimStart(" \t\r\n"u8), out var method))
        {
            return false;
        }

        cseq = new SipCSeq((uint)n, method!);
        return true;
    }

    /// <summary>The value as written: <c>1 INVITE</c>.</summary>
    public override string ToString() => Sequence.ToString(CultureInfo.InvariantCulture) + " " + Method?.Name;
}
