using CallSync.Agent.Configuration;

namespace CallSync.Agent.Hosting;

/// <summary>The "device" line of the status: who this phone is and which board it runs on.</summary>
internal sealed class DeviceStatus(AgentOptions options, string version) : IStatusSource
{
    public string Name => "device";

    public string Describe() =>
        $"{options.Device.Id} ({options.Device.Number}), board {options.Board.Kind.ToString().ToLowerInvariant()}, callsync-agent {version}, data {options.Device.DataDir}";
}
