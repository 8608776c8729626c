using System.Security.Cryptography;

namespace CallSync.Flash.Bundles;

/// <summary>A public release key and the file it came from.</summary>
internal sealed record TrustedKey(string Path, ECDsa Key);
