using System.Text.Json;
using System.Text.Json.Serialization;
using CallSync.Agent.Calls;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// A small file per call (<c>&lt;DataDir&gt;/calls/&lt;recordId&gt;.json</c>), written when the call starts,
/// rewritten when it is answered, and removed once its record is in the outbox. Whatever is left after a crash
/// or power cut is a call whose record was never written: <see cref="CallJournalRecovery"/> turns it into one
/// at the next start. A finished call the outbox had no room for is parked here, whole, until it has.
/// </summary>
internal sealed class CallJournal(DataDirectory dataDirectory, ILogger<CallJournal> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, CallJournalEntry> _live = [];
    private int _parked;

    public string Directory { get; } = Path.Combine(dataDirectory.Path, "calls");

    /// <summary>True when finished calls wait for room in the outbox (set by <see cref="Park"/> and recovery).</summary>
    public bool HasParked => Volatile.Read(ref _parked) > 0;

    public void Begin(PhoneCall call, CallDirection direction, string remote, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(call);
        Write(new CallJournalEntry(call.RecordId, call.CallId, direction, remote, call.Origin, startedAt));
    }

    /// <summary>Notes the answer, so a call cut short by a crash still shows its ring and talk time.</summary>
    public void Answered(Guid recordId, DateTimeOffset answeredAt)
    {
        CallJournalEntry? entry;
        lock (_gate)
        {
            _live.TryGetValue(recordId, out entry);
        }

        if (entry is { AnsweredAt: null })
        {
            Write(entry with { AnsweredAt = answeredAt });
        }
    }

    /// <summary>Keeps a finished call whose record the outbox refused (full) until <see cref="End"/>.</summary>
    public void Park(FinishedCall finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        CallJournalEntry? entry;
        lock (_gate)
        {
            _live.TryGetValue(finished.RecordId, out entry);
        }

        entry ??= new CallJournalEntry(finished.RecordId, finished.CallId, finished.Direction, finished.RemoteNumber, finished.Origin, finished.StartedAt);
        Write(entry with { AnsweredAt = finished.AnsweredAt, Finished = finished });
        Interlocked.Increment(ref _parked);
    }

    public void End(Guid recordId)
    {
        CallJournalEntry? entry;
        lock (_gate)
        {
            _live.Remove(recordId, out entry);
        }

        if (entry?.Finished is not null)
        {
            Interlocked.Decrement(ref _parked);
        }

        try
        {
            File.Delete(PathOf(recordId));
        }
        catch (IOException ex)
        {
            RecordsLog.JournalFailed(logger, recordId, ex);
        }
    }

    /// <summary>Finished calls waiting for room in the outbox, oldest first.</summary>
    public IReadOnlyList<FinishedCall> Parked()
    {
        lock (_gate)
        {
            return [.. _live.Values.Select(e => e.Finished).OfType<FinishedCall>().OrderBy(f => f.EndedAt)];
        }
    }

    /// <summary>The entries a previous run left behind; they become live again until <see cref="End"/>.</summary>
    public IReadOnlyList<CallJournalEntry> Leftovers()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var entries = new List<CallJournalEntry>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllBytes(file), CallJournalJsonContext.Default.CallJournalEntry) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // Written atomically, so a torn file cannot be ours; drop it rather than block every start.
                File.Delete(file);
            }
        }

        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (_live.TryAdd(entry.RecordId, entry) && entry.Finished is not null)
                {
                    Interlocked.Increment(ref _parked);
                }
            }
        }

        return entries;
    }

    private void Write(CallJournalEntry entry)
    {
        lock (_gate)
        {
            _live[entry.RecordId] = entry;
        }

        try
        {
            try
            {
                WriteFile(entry);
            }
            catch (DirectoryNotFoundException)
            {
                System.IO.Directory.CreateDirectory(Directory); // made on first need, not a mkdir per write
                WriteFile(entry);
            }
        }
        catch (IOException ex)
        {
            RecordsLog.JournalFailed(logger, entry.RecordId, ex);
        }
    }

    private void WriteFile(CallJournalEntry entry)
    {
        var path = PathOf(entry.RecordId);
        File.WriteAllBytes(path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(entry, CallJournalJsonContext.Default.CallJournalEntry));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private string PathOf(Guid recordId) => Path.Combine(Directory, recordId + ".json");
}

/// <summary>What is known of a call while it runs.</summary>
internal sealed record CallJournalEntry(Guid RecordId, string CallId, CallDirection Direction, string Remote, CallOrigin Origin, DateTimeOffset StartedAt)
{
    /// <summary>When the call was answered; null while it rings or when it never was.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The whole finished call, when it ended but the outbox had no room for its record.</summary>
    public FinishedCall? Finished { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CallJournalEntry))]
internal sealed partial class CallJournalJsonContext : JsonSerializerContext;
