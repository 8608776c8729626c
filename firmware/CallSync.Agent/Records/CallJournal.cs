using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// What the agent knows of each live call, in one append-only file (<c>&lt;DataDir&gt;/calls.journal</c>, a JSON
/// line per change): a line when the call starts, one when it is answered, one when its record is in the outbox.
/// Whatever is still live after a crash or power cut is a call whose record was never written:
/// <see cref="CallJournalRecovery"/> turns it into one at the next start. A finished call the outbox had no room for
/// is parked here, whole, until it has. The file is rewritten with only the live calls when it grows past
/// <see cref="CompactAt"/> bytes, and at start.
/// </summary>
/// <remarks>
/// One open file appended to, not a file per call: creating, renaming and removing a file per call made the file
/// system allocate and free an inode per call, and under call load the SIP thread waited on that disk I/O.
/// Lines reach the kernel at once (a crash loses none) and the disk with the file system's next commit (a power cut
/// loses at most the last few seconds of changes, as with any unsynced write).
/// </remarks>
internal sealed class CallJournal(DataDirectory dataDirectory, ILogger<CallJournal> logger) : IDisposable
{
    public const long CompactAt = 256 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, CallJournalEntry> _live = [];
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private FileStream? _file;
    private long _length;
    private bool _stale;
    private int _parked;

    public string Path { get; } = System.IO.Path.Combine(dataDirectory.Path, "calls.journal");

    /// <summary>True when finished calls wait for room in the outbox (set by <see cref="Park"/> and recovery).</summary>
    public bool HasParked => Volatile.Read(ref _parked) > 0;

    public void Begin(Guid recordId, string callId, CallDirection direction, string remote, CallOrigin origin, DateTimeOffset startedAt)
    {
        lock (_gate)
        {
            Write(new CallJournalEntry(recordId, callId, direction, remote, origin, startedAt));
        }
    }

    /// <summary>Notes the answer, so a call cut short by a crash still shows its ring and talk time.</summary>
    public void Answered(Guid recordId, DateTimeOffset answeredAt)
    {
        lock (_gate) // looked up and written at once: an answer racing the call's end does not bring it back
        {
            if (_live.TryGetValue(recordId, out var entry) && entry.AnsweredAt is null)
            {
                Write(entry with { AnsweredAt = answeredAt });
            }
        }
    }

    /// <summary>Keeps a finished call whose record the outbox refused (full) until <see cref="End"/>.</summary>
    public void Park(FinishedCall finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        lock (_gate)
        {
            var record = finished.Record;
            var entry = _live.GetValueOrDefault(record.RecordId)
                ?? new CallJournalEntry(record.RecordId, record.CallId, record.Direction, record.RemoteNumber.Raw, record.Origin, record.StartedAt);
            Write(entry with { AnsweredAt = record.AnsweredAt, Finished = finished });
            Interlocked.Increment(ref _parked);
        }
    }

    public void End(Guid recordId)
    {
        lock (_gate)
        {
            if (!_live.Remove(recordId, out var entry))
            {
                return;
            }

            if (entry.Finished is not null)
            {
                Interlocked.Decrement(ref _parked);
            }

            Append(new CallJournalLine(recordId, Entry: null));
        }
    }

    /// <summary>Finished calls waiting for room in the outbox, oldest first.</summary>
    public IReadOnlyList<FinishedCall> Parked()
    {
        lock (_gate)
        {
            return [.. _live.Values.Select(e => e.Finished).OfType<FinishedCall>().OrderBy(f => f.Record.EndedAt)];
        }
    }

    /// <summary>
    /// The calls a previous run left live; they become live again until <see cref="End"/>. The journal is then
    /// rewritten with them alone.
    /// </summary>
    public IReadOnlyList<CallJournalEntry> Leftovers()
    {
        var found = new Dictionary<Guid, CallJournalEntry>();
        if (File.Exists(Path))
        {
            foreach (var text in File.ReadLines(Path))
            {
                var line = Parse(text);
                if (line?.Entry is { } entry)
                {
                    found[line.RecordId] = entry;
                }
                else if (line is not null)
                {
                    found.Remove(line.RecordId);
                }
            }
        }

        lock (_gate)
        {
            foreach (var entry in found.Values)
            {
                if (_live.TryAdd(entry.RecordId, entry) && entry.Finished is not null)
                {
                    Interlocked.Increment(ref _parked);
                }
            }

            try
            {
                Compact();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                RecordsLog.JournalFailed(logger, Path, ex);
                _stale = true;
            }
        }

        return [.. found.Values];
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private CallJournalLine? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, CallJournalJsonContext.Default.CallJournalLine);
        }
        catch (JsonException ex)
        {
            // A line cut off by a power cut: the change it described is lost, the others are not.
            RecordsLog.JournalLineSkipped(logger, Path, ex.Message);
            return null;
        }
    }

    /// <summary>Makes <paramref name="entry"/> the call's live state and journals it. Called under the gate.</summary>
    private void Write(CallJournalEntry entry)
    {
        _live[entry.RecordId] = entry;
        Append(new CallJournalLine(entry.RecordId, entry));
    }

    /// <summary>Appends one line (one write to the kernel); rewrites the file when it has grown. Called under the gate.</summary>
    private void Append(CallJournalLine line)
    {
        try
        {
            if (_stale)
            {
                Compact(); // the live set already holds this change
                return;
            }

            _file ??= Open();
            _line.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_line))
            {
                JsonSerializer.Serialize(writer, line, CallJournalJsonContext.Default.CallJournalLine);
            }

            _line.Write("\n"u8);
            _file.Write(_line.WrittenSpan);
            _length += _line.WrittenCount;
            if (_length > CompactAt)
            {
                Compact();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RecordsLog.JournalFailed(logger, Path, ex);
            _file?.Dispose();
            _file = null;
            _stale = true; // the next change rewrites the whole journal, this one included
        }
    }

    private FileStream Open()
    {
        var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _length = file.Length;
        return file;
    }

    /// <summary>Rewrites the journal with the live calls only (written and synced aside, then renamed over it). Called under the gate.</summary>
    private void Compact()
    {
        _file?.Dispose();
        _file = null;
        var temporary = Path + ".tmp";
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var entry in _live.Values)
            {
                JsonSerializer.Serialize(output, new CallJournalLine(entry.RecordId, entry), CallJournalJsonContext.Default.CallJournalLine);
                output.WriteByte((byte)'\n');
            }

            output.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
        _stale = false;
    }
}

/// <summary>One line of the journal: a call's whole entry as it is now, or (no entry) the call's end.</summary>
internal sealed record CallJournalLine(Guid RecordId, CallJournalEntry? Entry);

/// <summary>What is known of a call while it runs.</summary>
internal sealed record CallJournalEntry(Guid RecordId, string CallId, CallDirection Direction, string Remote, CallOrigin Origin, DateTimeOffset StartedAt)
{
    /// <summary>When the call was answered; null while it rings or when it never was.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The whole finished call, when it ended but the outbox had no room for its record.</summary>
    [JsonConverter(typeof(ParkedCallConverter))]
    public FinishedCall? Finished { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CallJournalEntry))]
[JsonSerializable(typeof(CallJournalLine))]
[JsonSerializable(typeof(FinishedCall))]
[JsonSerializable(typeof(FlatParkedCall))]
internal sealed partial class CallJournalJsonContext : JsonSerializerContext;
