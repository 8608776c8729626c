using System.Globalization;

namespace CallSync.Sdp;

/// <summary>Invariant number parsing shared by the SDP types.</summary>
internal static class SdpNumbers
{
    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out int payloadType) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out payloadType) && payloadType is >= 0 and <= 127;

    public static bool TryParsePositive(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    public static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;

    /// <summary>Parses <c>1*DIGIT</c> that fits 64 bits (no sign, no spaces).</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
