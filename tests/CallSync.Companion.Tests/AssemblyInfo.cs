// File modes (0600 key files) are asserted; the phone and CI run Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
