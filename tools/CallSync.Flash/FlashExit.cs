namespace CallSync.Flash;

/// <summary>callsync-flash's exit codes.</summary>
internal static class FlashExit
{
    /// <summary>Everything done; every board healthy.</summary>
    public const int Ok = 0;

    /// <summary>Some board failed or was rolled back.</summary>
    public const int BoardFailed = 1;

    /// <summary>Usage or configuration error.</summary>
    public const int Usage = 2;

    /// <summary>The bundle was refused (signature, manifest or hash).</summary>
    public const int Refused = 3;
}
