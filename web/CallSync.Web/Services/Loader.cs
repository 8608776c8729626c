using CallSync.Web.Api;

namespace CallSync.Web.Services;

/// <summary>
/// One thing a screen loads from the hub, in one of four states: loading, failed (with the hub's reason), empty or
/// with data. Pages bind <see cref="Components.LoadState"/> to it instead of repeating the same flags.
/// </summary>
public sealed class Loader<T>
    where T : class
{
    public T? Value { get; private set; }

    public bool Loading { get; private set; } = true;

    public string? Error { get; private set; }

    public async Task RunAsync(Func<Task<T>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        Loading = true;
        Error = null;
        Error = await Attempt.RunAsync(async () => Value = await load().ConfigureAwait(false)).ConfigureAwait(false);
        Loading = false;
    }
}
