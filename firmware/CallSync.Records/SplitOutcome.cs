namespace CallSync.Records;

/// <summary>What <see cref="CallSplitter.Split"/> did.</summary>
public enum SplitOutcome
{
    /// <summary>Record and recording committed together; both outboxes will deliver them.</summary>
    Split,

    /// <summary>This record id was split before and is still waiting; nothing changed.</summary>
    AlreadySplit,

    /// <summary>The MQTT outbox is full: nothing was written, the recording stays on disk untracked; retry later.</summary>
    OutboxFull,

    /// <summary>The disk refused the write (SQLite full or an I/O error): nothing was written; retry when there is room.</summary>
    DiskFull,
}
