namespace CallSync.Agent.Calls;

/// <summary>The newest call records, one line each, for <c>callsync calls</c>.</summary>
internal interface ICallHistory
{
    /// <summary>Up to <paramref name="count"/> lines, newest first.</summary>
    Task<IReadOnlyList<string>> LastAsync(int count, CancellationToken cancellationToken);
}
