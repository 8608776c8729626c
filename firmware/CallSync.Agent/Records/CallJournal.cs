using System.Text.Json;
using System.Text.Json.Serialization;
using CallSync.Agent.Calls;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// A small file per live call (<c>&lt;DataDir&gt;/calls/&lt;recordId&gt;.json</c>), written when the call starts
/// and removed once its record is in the outbox. Whatever is left after a crash or power cut is a call whose
/// record was never written: <see cref="CallJournalRecovery"/> turns it into one at the next start.
/// </summary>
internal sealed class CallJournal(DataDirectory dataDirectory, ILogger<CallJournal> logger)
{
    public string Directory { get; } = Path.Combine(dataDirectory.Path, "calls");

    public void Begin(PhoneCall call, CallDirection direction, string remote, DateTimeOffset startedAt)
    {
        var entry = new CallJournalEntry(call.RecordId, call.CallId, direction, remote, call.Origin, startedAt);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = PathOf(call.RecordId);
            File.WriteAllBytes(path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(entry, CallJournalJsonContext.Default.CallJournalEntry));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (IOException ex)
        {
            RecordsLog.JournalFailed(logger, call.RecordId, ex);
        }
    }

    public void End(Guid recordId)
    {
        try
        {
            File.Delete(PathOf(recordId));
        }
        catch (IOException ex)
        {
            RecordsLog.JournalFailed(logger, recordId, ex);
        }
    }

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

        return entries;
    }

    private string PathOf(Guid recordId) => Path.Combine(Directory, recordId + ".json");
}

/// <summary>What is known of a call while it runs.</summary>
internal sealed record CallJournalEntry(Guid RecordId, string CallId, CallDirection Direction, string Remote, CallOrigin Origin, DateTimeOffset StartedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CallJournalEntry))]
internal sealed partial class CallJournalJsonContext : JsonSerializerContext;
