namespace CallSync.Agent.Storage;

/// <summary>
/// <c>&lt;DataDir&gt;/reserve.bin</c>: space taken while the disk has room and given back when it is full, so the
/// writes that must not fail then (a record in the SQLite outbox, its history line, the call journal) find room.
/// Allocated with <see cref="FileStreamOptions.PreallocationSize"/> (fallocate(2)), so the blocks are really taken, not
/// a sparse file.
/// </summary>
internal sealed class ReserveFile(string path, long bytes)
{
    public const string FileName = "reserve.bin";

    /// <summary>True when the reserve is taken (always, when none is configured).</summary>
    public bool IsHeld => bytes <= 0 || (File.Exists(path) && new FileInfo(path).Length >= bytes);

    /// <summary>Takes the reserve; false (and nothing left behind) when the disk has not that much room.</summary>
    public bool TryTake()
    {
        if (IsHeld)
        {
            return true;
        }

        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                PreallocationSize = bytes,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            file.SetLength(bytes);
            return true;
        }
        catch (IOException)
        {
            Release();
            return false;
        }
    }

    /// <summary>Gives the space back.</summary>
    public void Release()
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing more can be freed.
        }
    }
}
