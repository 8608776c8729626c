namespace CallSync.Flash.Bundles;

/// <summary>One payload file as the manifest lists it.</summary>
/// <param name="Path">Relative, forward slashes, no <c>..</c> (e.g. <c>bin/callsync-agent</c>).</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
/// <param name="Mode">Octal Unix permissions, e.g. <c>0755</c>.</param>
internal sealed record BundleFile(string Path, long Size, string Sha256, string Mode);
