namespace CallSync.Companion.Cli;

/// <summary>How one upload to the hub ended: <see cref="Message"/> is one line for the user.</summary>
internal sealed record UploadResult(bool Ok, long Bytes, string Message)
{
    public static UploadResult Done(long bytes, bool alreadyThere) =>
        new(true, bytes, alreadyThere ? "already on the hub" : "uploaded to the hub, SHA-256 verified");

    public static UploadResult Failed(string reason) => new(false, 0, "upload failed: " + reason);
}
