namespace CallSync.Interop.Tests.Storage;

/// <summary>A fact that mounts a small tmpfs: skipped, with the reason, where mounting is not permitted.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (SmallTmpfs.WhyNot is { } reason)
        {
            Skip = reason;
        }
    }
}
