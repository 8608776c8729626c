// The agent under test is a Linux daemon.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
