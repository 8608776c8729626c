namespace CallSync.Agent.Calls.Events;

/// <summary>A request run on the loop; <see cref="Run"/> completes the asker's task with the result.</summary>
internal abstract record CallCommand : CallEvent
{
    public abstract void Run();

    /// <summary>The loop stopped before running it.</summary>
    public abstract void Abandon();
}
