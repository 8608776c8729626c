namespace CallSync.Hub.Storage;

/// <summary>One of a user's bindings with its phone's desk number and last reported state (unknown while pending).</summary>
internal sealed record MyPhone(BindingRecord Binding, string DeskNumber, bool? Online, DateTimeOffset? ChangedAt);
