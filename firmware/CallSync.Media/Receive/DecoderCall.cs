namespace CallSync.Media.Receive;

/// <summary>Which decoder entry point a playout step needs.</summary>
internal enum DecoderCall
{
    /// <summary>Decode a packet.</summary>
    Decode,

    /// <summary>Rebuild the lost frame before a packet from its in-band FEC.</summary>
    Redundant,

    /// <summary>Conceal missing audio.</summary>
    Conceal,
}
