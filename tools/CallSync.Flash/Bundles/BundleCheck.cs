namespace CallSync.Flash.Bundles;

/// <summary>A bundle that passed verification: its manifest and the key file whose key signed it.</summary>
internal sealed record BundleCheck(BundleManifest Manifest, string Signer);
