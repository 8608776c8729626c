using System.Text.Json;
using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Logging;

namespace CallSync.Mqtt;

/// <summary>
/// Validates and executes remote commands (docs/mqtt-api.md, "Commands"). Order of checks: size, JSON shape,
/// signature, replay (a known id gets its first reply again and is never executed twice), validity window,
/// type, arguments, busy. Every rejection is logged with its reason and answered on the replies topic; nothing
/// is thrown out of <see cref="HandleAsync"/>. Dial and hang-up run in the background after an "accepted" reply.
/// Every reply is signed with the provisioning key (<see cref="ReplySignature"/>); the key is read from
/// <see cref="DeviceCredentials"/> at each use, so a new enrollment takes effect at once.
/// </summary>
public sealed partial class CommandProcessor : IAsyncDisposable
{
    /// <summary>Largest command payload accepted.</summary>
    public const int MaxPayloadBytes = 16 * 1024;

    private const int MaxCommandIdLength = 128;

    private readonly DeviceIdentity _device;
    private readonly DeviceCredentials _credentials;
    private readonly CommandLedger _ledger;
    private readonly IDialer _dialer;
    private readonly IRecordTransport _replies;
    private readonly Func<DeviceStatus> _status;
    private readonly MqttLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandProcessor> _logger;
    private readonly string _repliesTopic;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _runningGate = new();
    private readonly List<Task> _running = [];
    private int _dialsInFlight;
    private long _lastPruneTimestamp;
    private int _disposed;

    /// <summary>Creates the processor.</summary>
    /// <param name="device">This phone (the signature binds its id).</param>
    /// <param name="options">Key, clock skew and replay window.</param>
    /// <param name="ledger">Persistent seen-command ids and replies.</param>
    /// <param name="dialer">The call-control seam.</param>
    /// <param name="replies">Where replies are published (the MQTT link).</param>
    /// <param name="status">Produces the status command's answer.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    public CommandProcessor(DeviceIdentity device, MqttLinkOptions options, CommandLedger ledger, IDialer dialer, IRecordTransport replies, Func<DeviceStatus> status, TimeProvider time, ILogger<CommandProcessor> logger)
        : this(device, options, DeviceCredentials.FromOptions(options ?? throw new ArgumentNullException(nameof(options))), ledger, dialer, replies, status, time, logger)
    {
    }

    /// <summary>Creates the processor with the key held by <paramref name="credentials"/>.</summary>
    /// <param name="device">This phone (the signature binds its id).</param>
    /// <param name="options">Clock skew and replay window.</param>
    /// <param name="credentials">The provisioning key (read at each command and reply).</param>
    /// <param name="ledger">Persistent seen-command ids and replies.</param>
    /// <param name="dialer">The call-control seam.</param>
    /// <param name="replies">Where replies are published (the MQTT link).</param>
    /// <param name="status">Produces the status command's answer.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    public CommandProcessor(DeviceIdentity device, MqttLinkOptions options, DeviceCredentials credentials, CommandLedger ledger, IDialer dialer, IRecordTransport replies, Func<DeviceStatus> status, TimeProvider time, ILogger<CommandProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(dialer);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _device = device;
        _options = options;
        _credentials = credentials;
        _ledger = ledger;
        _dialer = dialer;
        _replies = replies;
        _status = status;
        _time = time;
        _logger = logger;
        _repliesTopic = MqttTopics.Replies(device.DeviceId);
        _lastPruneTimestamp = time.GetTimestamp();
    }

    /// <summary>
    /// Call once at start: commands accepted before a restart but never finished get a final "failed: interrupted"
    /// reply (stored, so a repeat gets it too, and published). Old ledger entries are pruned.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        _ledger.Prune(_options.CommandReplayWindow + _options.CommandClockSkew);
        foreach (CommandLedgerEntry entry in _ledger.ListUnfinished())
        {
            byte[] reply = Serialize(new CommandReply
            {
                CommandId = entry.CommandId,
                DeviceId = _device.DeviceId,
                Status = ReplyStatus.Failed,
                Reason = FailReasons.Interrupted,
                At = _time.GetUtcNow(),
            });
            _ledger.Complete(entry.CommandId, reply);
            Log.CommandInterrupted(_logger, entry.CommandId);
            await SendAsync(reply, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles one payload from the commands topic. Never throws (except on cancellation of <paramref name="cancellationToken"/>).</summary>
    public async Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await HandleCoreAsync(payload, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The message handler must survive anything a payload or the store can cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CommandHandlerFailed(_logger, ex);
        }
    }

    /// <summary>Completes when every background command has finished (for shutdown and tests).</summary>
    public Task WhenIdleAsync()
    {
        lock (_runningGate)
        {
            return Task.WhenAll(_running.ToArray());
        }
    }

    /// <summary>Cancels running commands (their final replies become "interrupted" at the next start). Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await WhenIdleAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: running dials were cancelled.
        }

        _stop.Dispose();
    }

    private async Task HandleCoreAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        PruneOccasionally();
        if (payload.Length > MaxPayloadBytes)
        {
            await RejectAsync(null, RejectReasons.TooLarge, store: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        DeviceCommand? command;
        try
        {
            command = JsonSerializer.Deserialize(payload.Span, CallSyncJsonContext.Default.DeviceCommand);
        }
        catch (JsonException)
        {
            command = null;
        }

        if (command is null || !IsValidCommandId(command.CommandId) || string.IsNullOrEmpty(command.Signature))
        {
            string? id = command is not null && IsValidCommandId(command.CommandId) ? command.CommandId : null;
            await RejectAsync(id, RejectReasons.Malformed, store: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!CommandSignature.Verify(command, _device.DeviceId, _credentials.ProvisioningKey))
        {
            // Not stored: an unauthenticated sender must not be able to claim command ids.
            await RejectAsync(command.CommandId, RejectReasons.BadSignature, store: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_ledger.Find(command.CommandId) is { } seen)
        {
            await ReplayAsync(seen, cancellationToken).ConfigureAwait(false);
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        string? reason = null;
        if (command.ExpiresAt < command.IssuedAt || command.ExpiresAt - command.IssuedAt > _options.CommandReplayWindow)
        {
            reason = RejectReasons.BadValidity;
        }
        else if (now + _options.CommandClockSkew < command.IssuedAt)
        {
            reason = RejectReasons.NotYetValid;
        }
        else if (now - _options.CommandClockSkew > command.ExpiresAt)
        {
            reason = RejectReasons.Expired;
        }

        if (reason is not null)
        {
            await RejectAsync(command.CommandId, reason, store: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (command.Type)
        {
            case CommandTypes.Dial:
                await DialAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            case CommandTypes.Hangup:
                await BeginAsync(command, RunHangupAsync, cancellationToken).ConfigureAwait(false);
                break;
            case CommandTypes.Status:
                await StatusAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await RejectAsync(command.CommandId, RejectReasons.UnknownType, store: true, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task DialAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.IsDiallable(command.Args?.Number, out string number))
        {
            await RejectAsync(command.CommandId, RejectReasons.BadNumber, store: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Volatile.Read(ref _dialsInFlight) > 0 || _dialer.Activity != DeviceActivity.Idle)
        {
            await RejectAsync(command.CommandId, RejectReasons.Busy, store: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        await BeginAsync(command, (c, ct) => RunDialAsync(c, number, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task StatusAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        byte[] reply = Serialize(Reply(command.CommandId, ReplyStatus.Succeeded) with { Device = _status() });
        if (!_ledger.TryRecordFinal(command.CommandId, reply))
        {
            await ReplayExistingAsync(command.CommandId, cancellationToken).ConfigureAwait(false);
            return;
        }

        Log.CommandSucceeded(_logger, command.CommandId, command.Type);
        await SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task BeginAsync(DeviceCommand command, Func<DeviceCommand, CancellationToken, Task<CommandReply>> run, CancellationToken cancellationToken)
    {
        byte[] accepted = Serialize(Reply(command.CommandId, ReplyStatus.Accepted));
        if (!_ledger.TryBegin(command.CommandId, accepted))
        {
            await ReplayExistingAsync(command.CommandId, cancellationToken).ConfigureAwait(false);
            return;
        }

        bool isDial = command.Type == CommandTypes.Dial;
        if (isDial)
        {
            Interlocked.Increment(ref _dialsInFlight);
        }

        Log.CommandAccepted(_logger, command.CommandId, command.Type);
        await SendAsync(accepted, cancellationToken).ConfigureAwait(false);

        CancellationToken stopping = _stop.Token;
        Task task = Task.Run(
            async () =>
            {
                try
                {
                    CommandReply final;
                    try
                    {
                        final = await run(command, stopping).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        return; // Left unfinished in the ledger: reported as interrupted at the next start.
                    }
#pragma warning disable CA1031 // A failing dialer becomes a "failed" reply, never an unobserved exception.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        Log.CommandExecutionFailed(_logger, ex, command.CommandId);
                        final = Reply(command.CommandId, ReplyStatus.Failed) with { Reason = FailReasons.Internal };
                    }

                    byte[] bytes = Serialize(final);
                    _ledger.Complete(command.CommandId, bytes);
                    LogFinal(command, final);
                    await SendAsync(bytes, stopping).ConfigureAwait(false);
                }
                finally
                {
                    if (isDial)
                    {
                        Interlocked.Decrement(ref _dialsInFlight);
                    }
                }
            },
            CancellationToken.None);
        lock (_runningGate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task<CommandReply> RunDialAsync(DeviceCommand command, string number, CancellationToken cancellationToken)
    {
        var origin = new CallOrigin { Kind = OriginKind.Remote, CommandId = command.CommandId };
        DialCommandOutcome outcome = await _dialer.DialAsync(number, origin, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            DialCommandStatus.Completed => Reply(command.CommandId, ReplyStatus.Succeeded) with { RecordId = outcome.RecordId, Result = outcome.Result },
            DialCommandStatus.Busy => Reply(command.CommandId, ReplyStatus.Rejected) with { Reason = RejectReasons.Busy },
            _ => Reply(command.CommandId, ReplyStatus.Failed) with { Reason = outcome.Reason ?? FailReasons.DialFailed },
        };
    }

    private async Task<CommandReply> RunHangupAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        bool ended = await _dialer.HangupAsync(cancellationToken).ConfigureAwait(false);
        return ended
            ? Reply(command.CommandId, ReplyStatus.Succeeded)
            : Reply(command.CommandId, ReplyStatus.Failed) with { Reason = FailReasons.NoActiveCall };
    }

    private void PruneOccasionally()
    {
        if (_time.GetElapsedTime(_lastPruneTimestamp) >= TimeSpan.FromHours(1))
        {
            _lastPruneTimestamp = _time.GetTimestamp();
            _ledger.Prune(_options.CommandReplayWindow + _options.CommandClockSkew);
        }
    }

    private static bool IsValidCommandId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxCommandIdLength)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (c < 0x21 || c > 0x7e)
            {
                return false;
            }
        }

        return true;
    }
}
