using System.Formats.Tar;
using System.Reflection;
using System.Text;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Boards;

/// <summary>
/// <see cref="IBoard"/> over ssh: each operation is one short POSIX shell script run as root on the board; files go
/// as a tar stream into <c>tar -x</c> on the board (no scp, no temporary archive).
/// </summary>
internal sealed class SshBoard(BoardAddress address, SshOptions options) : IBoard
{
    private readonly SshRunner _ssh = new(address, options);

    public string Name => address.ToString();

    public async Task<SlotState> ProbeAsync(CancellationToken cancellationToken)
    {
        var output = await RunCheckedAsync("probe", $"""
            echo "current=$(readlink {BoardLayout.Current} 2>/dev/null)"
            echo "good=$(readlink {BoardLayout.Good} 2>/dev/null)"
            echo "version=$(head -c 100 {BoardLayout.Current}/VERSION 2>/dev/null | head -n 1)"
            """, null, cancellationToken).ConfigureAwait(false);
        var values = output.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        return new SlotState(SlotOf(values.GetValueOrDefault("current")), SlotName(values.GetValueOrDefault("good")),
            NullIfEmpty(values.GetValueOrDefault("version")));
    }

    public async Task CopyAsync(string slot, string payloadDirectory, byte[]? agentConfig, CancellationToken cancellationToken)
    {
        var target = BoardLayout.Slot(slot);

        // The callsync user first: the configuration is root:callsync 0640.
        await RunCheckedAsync("prepare", $"""
            set -e
            id -u callsync >/dev/null 2>&1 || useradd --system --home /var/lib/callsync --shell /usr/sbin/nologin callsync
            mkdir -p {BoardLayout.SlotsDirectory} /etc/callsync
            rm -rf {target} && mkdir -p {target}
            """, null, cancellationToken).ConfigureAwait(false);
        await RunCheckedAsync("copy", $"tar -x -f - -C {target} --no-same-owner",
            (stdin, token) => TarFile.CreateFromDirectoryAsync(payloadDirectory, stdin, includeBaseDirectory: false, token), cancellationToken)
            .ConfigureAwait(false);
        await WriteFileAsync(BoardLayout.SlotSelect, "0755", "root", SlotSelectScript(), cancellationToken).ConfigureAwait(false);

        // The configuration travels with the slot, so a rollback also restores the configuration that was healthy.
        var slotConfig = $"{target}/{BoardLayout.SlotConfigName}";
        if (agentConfig is not null)
        {
            await WriteFileAsync(slotConfig, "0640", "root:callsync", agentConfig, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RunCheckedAsync("keep the configuration", $"""
                if [ -e {BoardLayout.AgentConfig} ]; then
                  cp -L {BoardLayout.AgentConfig} {slotConfig} && chown root:callsync {slotConfig} && chmod 0640 {slotConfig}
                fi
                """, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<string?> VerifyAsync(string slot, BundleManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var list = new StringBuilder();
        foreach (var file in manifest.Files)
        {
            list.Append(file.Sha256).Append("  ").Append(file.Path).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(list.ToString());
        var (exit, output, error) = await _ssh.RunAsync($"cd {BoardLayout.Slot(slot)} && sha256sum --quiet --strict -c -",
            (stdin, token) => stdin.WriteAsync(bytes, token).AsTask(), cancellationToken).ConfigureAwait(false);
        return exit == 0 ? null : $"hash mismatch on the board: {Shorten(output + error)}";
    }

    public async Task SwitchAsync(string slot, bool trial, CancellationToken cancellationToken)
    {
        var target = BoardLayout.Slot(slot);
        var marker = trial ? $"echo {target} > {BoardLayout.Trial}" : $"rm -f {BoardLayout.Trial}";

        // --no-block: the health gate, not systemctl, decides how long the start may take.
        await RunCheckedAsync("switch", $"""
            set -e
            {marker}
            ln -sfn {target} {BoardLayout.Current}.new
            mv -T {BoardLayout.Current}.new {BoardLayout.Current}
            if [ -e {target}/{BoardLayout.SlotConfigName} ]; then
              ln -sfn {BoardLayout.Current}/{BoardLayout.SlotConfigName} {BoardLayout.AgentConfig}.new
              mv -T {BoardLayout.AgentConfig}.new {BoardLayout.AgentConfig}
            fi
            install -m 0644 {target}/callsync-agent.service {BoardLayout.Unit}
            systemctl daemon-reload
            systemctl enable --quiet {BoardLayout.Service}
            systemctl restart --no-block {BoardLayout.Service}
            """, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BoardHealth> HealthAsync(CancellationToken cancellationToken)
    {
        var (_, output, _) = await _ssh.RunAsync($"""
            readlink {BoardLayout.Current}
            head -c 100 {BoardLayout.Current}/VERSION 2>/dev/null | head -n 1
            {BoardLayout.Current}/bin/callsync --config {BoardLayout.AgentConfig} status --json 2>&1
            """, null, cancellationToken).ConfigureAwait(false);
        var lines = output.Split('\n', 3);
        var slot = SlotOf(lines[0].Trim());
        var version = lines.Length > 1 ? NullIfEmpty(lines[1].Trim()) : null;
        var (healthy, _, reason) = AgentStatusParser.Parse(lines.Length > 2 ? lines[2] : null);
        return new BoardHealth(healthy, slot, version, reason);
    }

    public Task MarkGoodAsync(string slot, CancellationToken cancellationToken) =>
        RunCheckedAsync("mark good", $"""
            set -e
            ln -sfn {slot} {BoardLayout.Good}.new
            mv -T {BoardLayout.Good}.new {BoardLayout.Good}
            rm -f {BoardLayout.Trial}
            sync
            """, null, cancellationToken);

    public async Task<string> LogTailAsync(CancellationToken cancellationToken)
    {
        var (_, output, _) = await _ssh.RunAsync(
            $"journalctl -u {BoardLayout.Service} -n 20 --no-pager -o cat 2>/dev/null || tail -n 20 /var/log/{BoardLayout.Service}.log 2>/dev/null",
            null, cancellationToken).ConfigureAwait(false);
        return output.TrimEnd();
    }

    /// <summary>The boot-time slot check (deploy/callsync-slot-select), carried inside this tool.</summary>
    internal static byte[] SlotSelectScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("callsync-slot-select")
            ?? throw new InvalidOperationException("callsync-slot-select is not embedded (a build bug)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private Task<string> WriteFileAsync(string path, string mode, string owner, byte[] content, CancellationToken cancellationToken) =>
        RunCheckedAsync($"write {path}", $"cat > {path}.new && chown {owner} {path}.new && chmod {mode} {path}.new && mv -f {path}.new {path}",
            (stdin, token) => stdin.WriteAsync(content, token).AsTask(), cancellationToken);

    private async Task<string> RunCheckedAsync(string step, string script, Func<Stream, CancellationToken, Task>? feed, CancellationToken cancellationToken)
    {
        var (exit, output, error) = await _ssh.RunAsync(script, feed, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new BoardException($"{step} failed on the board (exit {exit}): {Shorten(error + output)}");
        }

        return output;
    }

    /// <summary>"a" or "b" from a link target like /opt/callsync/slots/a; null for anything else.</summary>
    private static string? SlotOf(string? target) =>
        target is not null && target.StartsWith(BoardLayout.SlotsDirectory + "/", StringComparison.Ordinal)
            ? SlotName(target[(BoardLayout.SlotsDirectory.Length + 1)..])
            : null;

    private static string? SlotName(string? name) => name is not null && SlotState.Slots.Contains(name.Trim()) ? name.Trim() : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Shorten(string text)
    {
        var trimmed = text.Trim().Replace('\n', ' ');
        return trimmed.Length > 300 ? trimmed[..300] + "..." : trimmed.Length == 0 ? "no message" : trimmed;
    }
}
