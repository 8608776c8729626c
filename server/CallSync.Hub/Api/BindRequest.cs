namespace CallSync.Hub.Api;

/// <summary>POST /api/v1/bindings body.</summary>
internal sealed record BindRequest(string DeskNumber);
