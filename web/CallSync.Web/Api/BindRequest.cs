namespace CallSync.Web.Api;

/// <summary>POST /api/v1/bindings body: ask to be bound to the phone with this desk number.</summary>
public sealed record BindRequest(string DeskNumber);
