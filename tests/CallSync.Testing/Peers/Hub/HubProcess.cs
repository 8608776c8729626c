using CallSync.Testing.Processes;

namespace CallSync.Testing.Peers.Hub;

/// <summary>callsync-hub as a child process (see <see cref="BuiltProgram"/> for which binary runs).</summary>
public static class HubProcess
{
    public static ChildProcess Start(string configPath) =>
        ChildProcess.Start(BuiltProgram.Options("callsync-hub", ["--config", configPath]));
}
