using System.Globalization;
using CallSync.Testing.Files;
using CallSync.Testing.Processes;

namespace CallSync.Testing.Peers.Kamailio;

/// <summary>
/// kamailio (Debian 5.6) in the foreground, unprivileged (uid/gid 65534), with a config written by the test into a
/// directory of its own; stopped and the directory removed on dispose.
/// </summary>
public sealed class KamailioProcess : IDisposable
{
    private readonly TempDirectory _directory;

    private KamailioProcess(TempDirectory directory, ChildProcess process)
    {
        _directory = directory;
        Process = process;
    }

    public ChildProcess Process { get; }

    public string Output => Process.Output;

    /// <summary>
    /// Starts kamailio with the config at <paramref name="templatePath"/>, each placeholder (e.g. "@PORT@") replaced
    /// by its value.
    /// </summary>
    public static KamailioProcess StartFromTemplate(string templatePath, IReadOnlyDictionary<string, int> placeholders)
    {
        var config = File.ReadAllText(templatePath);
        foreach (var (placeholder, value) in placeholders)
        {
            config = config.Replace(placeholder, value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return Start(config);
    }

    /// <summary>Starts kamailio with <paramref name="config"/> (the text of a kamailio.cfg).</summary>
    public static KamailioProcess Start(string config)
    {
        Tool.Require("kamailio", "kamailio");
        var directory = new TempDirectory("callsync-kamailio-").OpenToEveryone(); // it writes its pid file as uid 65534
        try
        {
            var path = directory.File("kamailio.cfg");
            File.WriteAllText(path, config);
            UnixFiles.MakeReadableByEveryone(path);
            var process = ChildProcess.Start(new ChildProcessOptions(
                "kamailio", "-f", path, "-DD", "-E", "-P", directory.File("kamailio.pid"), "-Y", directory.Path, "-u", "65534", "-g", "65534")
            {
                WorkingDirectory = directory.Path,
            });
            return new KamailioProcess(directory, process);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        _directory.Dispose();
    }
}
