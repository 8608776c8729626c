using System.Runtime.Versioning;

// The agent is a Linux daemon: Unix sockets, file modes, systemd.
[assembly: SupportedOSPlatform("linux")]
