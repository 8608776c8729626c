namespace CallSync.Companion.Framing;

/// <summary>What <see cref="FrameDecoder.Decode"/> found in the buffer.</summary>
public enum FrameDecodeStatus
{
    /// <summary>One whole frame was decoded.</summary>
    Complete,

    /// <summary>The buffer holds only part of a frame; read more and call again.</summary>
    NeedMoreData,

    /// <summary>The bytes can never become a valid frame; close the connection.</summary>
    Error,
}
