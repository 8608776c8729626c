using System.Text;
using CallSync.Configuration;
using CallSync.Control;

namespace CallSync.Agent.Configuration;

/// <summary>The Control section: declared keys and how they become <see cref="ControlOptions"/>.</summary>
internal static class ControlKeys
{
    public static readonly ConfigSection Section = new("Control", "The local control socket the technician's `callsync` command talks to.");

    // sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
    public static readonly ConfigKey<string?> Socket = Section.Optional("Socket",
        ConfigValues.AbsolutePath("an absolute path of at most 107 bytes (a Unix socket path)").Where(
            static path => Encoding.UTF8.GetByteCount(path) <= 107, "an absolute path of at most 107 bytes (a Unix socket path)"),
        "the owner-only Unix socket", defaultText: $"`<DataDir>/{ControlProtocol.SocketFileName}`");

    public static ControlOptions Read(ConfigReader reader, DeviceOptions device)
    {
        var socket = reader.Get(Socket) ?? Path.Combine(device.DataDir, ControlProtocol.SocketFileName);
        if (Encoding.UTF8.GetByteCount(socket) > 107 && !reader.IsSet(Socket))
        {
            reader.Fail(DeviceKeys.DataDir, $"a directory short enough for {ControlProtocol.SocketFileName} inside it (a Unix socket path of at most 107 bytes), or Control:Socket set");
        }

        return new ControlOptions { Socket = socket };
    }
}
