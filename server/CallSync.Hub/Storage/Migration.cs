namespace CallSync.Hub.Storage;

/// <summary>One schema step; <see cref="Sql"/> may use <c>{identity}</c> for an auto-numbered primary key.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
