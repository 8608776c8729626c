namespace CallSync.Testing.Rtp;

/// <summary>A stretch of a stream that carries a tone: what the analysis expects to find in a recording.</summary>
public readonly record struct ToneSpan(TimeSpan Start, TimeSpan End, double Frequency)
{
    public TimeSpan Duration => End - Start;
}
