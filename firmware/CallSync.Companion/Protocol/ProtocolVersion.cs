namespace CallSync.Companion.Protocol;

/// <summary>Protocol versions this build speaks (negotiated in Hello / HelloAccept).</summary>
public static class ProtocolVersion
{
    /// <summary>Lowest supported version.</summary>
    public const ushort Min = 1;

    /// <summary>Highest supported version.</summary>
    public const ushort Max = 1;

    /// <summary>The highest version in both ranges, or 0 when they do not overlap.</summary>
    public static ushort Select(ushort peerMin, ushort peerMax)
    {
        ushort high = Math.Min(peerMax, Max);
        return high >= Math.Max(peerMin, Min) ? high : (ushort)0;
    }
}
