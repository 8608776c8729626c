using System.Globalization;
using System.Text;
using System.Text.Json;
using CallSync.Agent.Calls;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// The newest call records on the phone for <c>callsync calls</c>, kept as JSON lines in
/// <c>&lt;DataDir&gt;/history.jsonl</c> (the outbox forgets a record once the broker has it). Trimmed to the
/// newest <see cref="Keep"/> records when it grows past twice that. A line the disk refuses (full) is kept in memory
/// and written with the next record or by <see cref="WritePending"/>.
/// </summary>
internal sealed class CallHistory(DataDirectory dataDirectory, ILogger<CallHistory> logger) : ICallHistory
{
    public const int Keep = 1000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path = Path.Combine(dataDirectory.Path, "history.jsonl");
    private readonly Lock _gate = new();
    private readonly List<string> _pending = [];
    private int? _lines;

    /// <summary>Lines not written yet because the disk refused them.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public void Add(CallRecord record)
    {
        var line = JsonSerializer.Serialize(record, CallSyncJsonContext.Default.CallRecord) + "\n";
        lock (_gate)
        {
            if (_pending.Count < Keep)
            {
                _pending.Add(line);
            }

            WritePendingLocked();
        }
    }

    /// <summary>Writes the lines a full disk held back, if any (retried with each record and every few seconds).</summary>
    public void WritePending()
    {
        lock (_gate)
        {
            WritePendingLocked();
        }
    }
    /// <summary>The records among the newest ones for these ids, read in one pass (for recording summaries).</summary>
    public IReadOnlyDictionary<Guid, CallRecord> Find(IReadOnlyCollection<Guid> recordIds)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var found = new Dictionary<Guid, CallRecord>();
        if (recordIds.Count == 0)
        {
            return found;
        }

        lock (_gate)
        {
            if (!File.Exists(_path))
            {
                return found;
            }

            foreach (var line in File.ReadLines(_path))
            {
                try
                {
                    if (JsonSerializer.Deserialize(line, CallSyncJsonContext.Default.CallRecord) is { } record && recordIds.Contains(record.RecordId))
                    {
                        found[record.RecordId] = record;
                    }
                }
                catch (JsonException)
                {
                    // A torn line is skipped, as in LastAsync.
                }
            }
        }

        return found;
    }

    public Task<IReadOnlyList<string>> LastAsync(int count, CancellationToken cancellationToken)
    {
        List<CallRecord> records = [];
        lock (_gate)
        {
            if (File.Exists(_path))
            {
                foreach (var line in File.ReadLines(_path).Reverse().Take(count))
                {
                    try
                    {
                        if (JsonSerializer.Deserialize(line, CallSyncJsonContext.Default.CallRecord) is { } record)
                        {
                            records.Add(record);
                        }
                    }
                    catch (JsonException)
                    {
                        // A line torn by a power cut is skipped; the record itself is safe in the outbox.
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>([.. records.Select(Describe)]);
    }

    /// <summary>
    /// Appends the pending lines in one write; a disk that takes only part of them gets the file cut back, so no torn
    /// line joins the next one, and the lines stay pending.
    /// </summary>
    private void WritePendingLocked()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            // Counted once per run, then tracked, so a call does not re-read the whole file.
            _lines ??= File.Exists(_path) ? File.ReadLines(_path).Count() : 0;
            byte[] bytes = Utf8.GetBytes(string.Concat(_pending));
            using (var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0))
            {
                long start = file.Length;
                try
                {
                    file.Write(bytes);
                }
                catch (IOException)
                {
                    file.SetLength(start);
                    throw;
                }
            }

            _lines += _pending.Count;
            _pending.Clear();
            if (_lines > 2 * Keep)
            {
                var newest = File.ReadLines(_path).Skip(_lines.Value - Keep).ToArray();
                File.WriteAllLines(_path + ".tmp", newest);
                File.Move(_path + ".tmp", _path, overwrite: true);
                _lines = newest.Length;
            }
        }
        catch (IOException ex)
        {
            RecordsLog.HistoryFailed(logger, _path, ex);
        }
    }

    private static string Describe(CallRecord r)
    {
        var talk = TimeSpan.FromSeconds(r.TalkSeconds);
        var recording = r.Recording is { } rec ? $"recording {rec.Bytes} bytes" : "no recording";
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.StartedAt:yyyy-MM-dd HH:mm:ss}Z  {Name(r.Direction),-8} {r.RemoteNumber.Raw,-16} {Name(r.Result),-10} talk {talk:hh\\:mm\\:ss}  {recording}  record {r.RecordId}");
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, typeof(T), CallSyncJsonContext.Default).Trim('"');
}
