namespace CallSync.Flash.Boards;

/// <summary>Thrown by an <see cref="IBoard"/> when the board cannot be reached or a step fails on it; the message says why.</summary>
public sealed class BoardException : Exception
{
    public BoardException()
    {
    }

    public BoardException(string message)
        : base(message)
    {
    }

    public BoardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The board did not answer at all (ssh could not connect).</summary>
    public bool Unreachable { get; init; }
}
