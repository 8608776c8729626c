namespace CallSync.Sdp;

/// <summary>SDES (RFC 4568): <c>a=crypto</c> lines in offers, choosing one when answering, and reading the answer's.</summary>
public static partial class SdpOfferAnswer
{
    /// <summary>Most reasons for skipped lines quoted in a refusal.</summary>
    private const int MaxQuotedSkips = 3;

    // One line per suite this side keys, tags 1, 2, ... in preference order, each with its own fresh key (section 5.1).
    private static void AddOfferedCrypto(List<SdpAttribute> attributes, SdpLocalMedia local)
    {
        if (local.Encryption == SdpEncryption.Off)
        {
            return;
        }

        var tag = 1;
        foreach (var suite in local.CryptoSuites)
        {
            if (SdpSrtp.GetKeySaltLength(suite) is { } length)
            {
                var line = SdpCryptoAttribute.CreateWithRandomKey(tag++, suite, length);
                attributes.Add(new SdpAttribute(SdpCryptoAttribute.AttributeName, line.ToAttributeValue()));
            }
        }
    }

    /// <summary>
    /// The keying of an offered stream, when answering: the first <c>a=crypto</c> line this side can use (a known suite
    /// it keys, key material of the suite's length, one key, only default session parameters), answered with the same
    /// tag and suite and a fresh key of our own (RFC 4568 section 7.1.2). Lines that cannot be used are skipped, not
    /// fatal. With <see cref="SdpEncryption.Off"/> every line is ignored and RTP/SAVP is refused; with
    /// <see cref="SdpEncryption.Required"/> an offer without a usable line is refused. False with the refusal; true
    /// with <paramref name="ours"/> and <paramref name="theirs"/> both null for plain RTP.
    /// </summary>
    private static bool TryAnswerCrypto(SdpMediaDescription m, SdpLocalMedia local, out SdpCryptoAttribute? ours, out SdpCryptoAttribute? theirs, out SdpRefusal? refusal)
    {
        ours = null;
        theirs = null;
        refusal = null;
        var secureProfile = string.Equals(m.Protocol, SdpSrtp.SecureProfile, StringComparison.OrdinalIgnoreCase);
        if (local.Encryption == SdpEncryption.Off)
        {
            if (secureProfile)
            {
                refusal = new SdpRefusal(SdpRefusal.IncompatibleTransportProtocol, "transport RTP/SAVP not supported: SRTP is off on this phone");
                return false;
            }

            return true;
        }

        var skipped = new List<string>();
        foreach (var attribute in m.Attributes)
        {
            if (!string.Equals(attribute.Name, SdpCryptoAttribute.AttributeName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (UsableCrypto(attribute.Value, local, out var why) is { } usable)
            {
                theirs = usable;
                ours = SdpCryptoAttribute.CreateWithRandomKey(usable.Tag, usable.Suite, usable.Keys[0].KeySalt.Length);
                return true;
            }

            skipped.Add(why!);
        }

        if (local.Encryption == SdpEncryption.Required || secureProfile)
        {
            var detail = skipped.Count == 0
                ? "offer has no a=crypto line"
                : $"no usable a=crypto line ({string.Join("; ", skipped.Take(MaxQuotedSkips))})";
            var what = local.Encryption == SdpEncryption.Required ? "SRTP required" : "RTP/SAVP offered";
            refusal = new SdpRefusal(SdpRefusal.Miscellaneous, $"{what}: {detail}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The keying of an answered stream, for the offerer: the answer's <c>a=crypto</c> line must echo the tag and suite
    /// of one we offered and carry a usable key (RFC 4568 section 7.1.3). An answer without one is plain RTP, which is
    /// an error when we offered RTP/SAVP. False with the error.
    /// </summary>
    private static bool TryReadAnswerCrypto(SdpMediaDescription offered, SdpMediaDescription answered, out SdpCryptoAttribute? ours, out SdpCryptoAttribute? theirs, out string? error)
    {
        ours = null;
        theirs = null;
        error = null;
        var required = string.Equals(offered.Protocol, SdpSrtp.SecureProfile, StringComparison.OrdinalIgnoreCase);
        var line = answered.GetAttribute(SdpCryptoAttribute.AttributeName);
        if (line is null || Crypto(offered).Count == 0)
        {
            if (required)
            {
                error = "answer: SRTP required but the answer has no a=crypto line";
                return false;
            }

            return true;
        }

        if (!SdpCryptoAttribute.TryParse(line, out var answer, out var why))
        {
            error = "answer: a=crypto " + why;
            return false;
        }

        ours = Crypto(offered).FirstOrDefault(c => c.Tag == answer.Tag);
        if (ours is null || !string.Equals(ours.Suite, answer.Suite, StringComparison.Ordinal))
        {
            error = $"answer: a=crypto tag {answer.Tag} {answer.Suite} matches no offered line";
            return false;
        }

        if (!IsKeyUsable(answer, ours.Keys[0].KeySalt.Length, out why))
        {
            error = "answer: a=crypto " + why;
            return false;
        }

        theirs = answer;
        return true;
    }

    private static SdpCryptoAttribute? UsableCrypto(string? value, SdpLocalMedia local, out string? reason)
    {
        if (!SdpCryptoAttribute.TryParse(value, out var crypto, out reason))
        {
            return null;
        }

        if (!local.CryptoSuites.Contains(crypto.Suite, StringComparer.Ordinal) || SdpSrtp.GetKeySaltLength(crypto.Suite) is not { } length)
        {
            reason = $"tag {crypto.Tag}: suite {crypto.Suite} not supported";
            return null;
        }

        if (!IsKeyUsable(crypto, length, out reason))
        {
            reason = $"tag {crypto.Tag}: {reason}";
            return null;
        }

        return crypto;
    }

    private static bool IsKeyUsable(SdpCryptoAttribute crypto, int keySaltLength, out string? reason)
    {
        reason = crypto switch
        {
            { Keys.Count: > 1 } => "several master keys told apart by MKI are not supported (one key per line)",
            _ when crypto.Keys[0].KeySalt.Length != keySaltLength =>
                $"inline key is {crypto.Keys[0].KeySalt.Length} bytes, {crypto.Suite} needs {keySaltLength}",
            _ when !crypto.HasOnlyDefaultSessionParameters =>
                $"session parameters {string.Join(' ', crypto.SessionParameters)} not supported",
            _ => null,
        };
        return reason is null;
    }

    // Our own lines, as we wrote them into the offer (valid by construction).
    private static List<SdpCryptoAttribute> Crypto(SdpMediaDescription m)
    {
        var lines = new List<SdpCryptoAttribute>();
        foreach (var a in m.Attributes)
        {
            if (string.Equals(a.Name, SdpCryptoAttribute.AttributeName, StringComparison.OrdinalIgnoreCase)
                && SdpCryptoAttribute.TryParse(a.Value, out var crypto, out _))
            {
                lines.Add(crypto);
            }
        }

        return lines;
    }
}
