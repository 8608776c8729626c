using CallSync.Testing.Processes;

namespace CallSync.Records.Tests.Interop;

/// <summary>The publisher helper (tests/CallSync.Records.Tests.Publisher) as a child process that can be SIGKILLed.</summary>
public static class PublisherProcess
{
    public static string DllPath
    {
        get
        {
            // .../tests/CallSync.Records.Tests/bin/<Config>/net10.0/ -> .../tests/CallSync.Records.Tests.Publisher/bin/<Config>/net10.0/
            var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            string framework = testDir.Name;
            string configuration = testDir.Parent!.Name;
            string testsRoot = testDir.Parent.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(testsRoot, "CallSync.Records.Tests.Publisher", "bin", configuration, framework, "CallSync.Records.Tests.Publisher.dll");
        }
    }

    /// <summary>Starts the helper; it writes ENQUEUED/COMMITTED/BOOT lines on standard output and its log on standard error.</summary>
    public static ChildProcess Start(params string[] args) =>
        ChildProcess.Start(new ChildProcessOptions("dotnet", [DllPath, .. args]) { Name = "publisher" });
}
