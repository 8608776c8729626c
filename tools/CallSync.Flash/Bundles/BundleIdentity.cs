namespace CallSync.Flash.Bundles;

/// <summary>What a bundle is: the release's version and commit, the board profile and runtime it was built for.</summary>
internal sealed record BundleIdentity(string Version, string Commit, string Board, string Rid);
