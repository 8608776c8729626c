namespace CallSync.Agent.Calls.Events;

/// <summary>A request with a result of type <typeparamref name="T"/>.</summary>
internal sealed record CallCommand<T>(Func<T> Action) : CallCommand
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Result => _result.Task;

    public override void Run()
    {
        try
        {
            _result.TrySetResult(Action());
        }
#pragma warning disable CA1031 // The asker gets the failure; the loop goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _result.TrySetException(ex);
        }
    }

    public override void Abandon() => _result.TrySetException(new OperationCanceledException("the phone is stopping"));
}
