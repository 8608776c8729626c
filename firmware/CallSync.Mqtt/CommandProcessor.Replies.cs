using System.Text.Json;
using CallSync.Contracts;
using CallSync.Records;

namespace CallSync.Mqtt;

/// <summary>Replies: rejecting, replaying the first answer to a repeat, signing and sending (docs/mqtt-api.md, "Replies").</summary>
public sealed partial class CommandProcessor
{
    private async Task RejectAsync(string? commandId, string reason, bool store, CancellationToken cancellationToken)
    {
        Log.CommandRejected(_logger, commandId ?? "(none)", reason);
        byte[] reply = Serialize(Reply(commandId, ReplyStatus.Rejected) with { Reason = reason });
        if (store && commandId is not null && !_ledger.TryRecordFinal(commandId, reply))
        {
            await ReplayExistingAsync(commandId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReplayExistingAsync(string commandId, CancellationToken cancellationToken)
    {
        if (_ledger.Find(commandId) is { } entry)
        {
            await ReplayAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReplayAsync(CommandLedgerEntry entry, CancellationToken cancellationToken)
    {
        byte[]? reply = entry.FinalReply ?? entry.AcceptedReply;
        Log.CommandReplayed(_logger, entry.CommandId, entry.FinalReply is not null);
        if (reply is not null)
        {
            await SendAsync(reply, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(byte[] reply, CancellationToken cancellationToken)
    {
        if (!await _replies.PublishAsync(_repliesTopic, reply, cancellationToken).ConfigureAwait(false))
        {
            // The reply stays in the ledger: the hub gets it by repeating the command.
            Log.ReplyNotDelivered(_logger);
        }
    }

    private void LogFinal(DeviceCommand command, CommandReply final)
    {
        if (final.Status == ReplyStatus.Succeeded)
        {
            Log.CommandSucceeded(_logger, command.CommandId, command.Type);
        }
        else
        {
            Log.CommandFailed(_logger, command.CommandId, final.Status, final.Reason ?? string.Empty);
        }
    }

    private CommandReply Reply(string? commandId, ReplyStatus status) => new()
    {
        CommandId = commandId,
        DeviceId = _device.DeviceId,
        Status = status,
        At = _time.GetUtcNow(),
    };

    private byte[] Serialize(CommandReply reply)
    {
        ReadOnlySpan<byte> key = _credentials.ProvisioningKey;
        CommandReply signed = key.IsEmpty ? reply : ReplySignature.Sign(reply, key);
        return JsonSerializer.SerializeToUtf8Bytes(signed, CallSyncJsonContext.Default.CommandReply);
    }
}
