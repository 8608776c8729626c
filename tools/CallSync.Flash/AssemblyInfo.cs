// The tool drives Linux boards over ssh and writes 0600 key files: Linux (and the Unix file modes) only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
