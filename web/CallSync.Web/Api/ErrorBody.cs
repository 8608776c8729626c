namespace CallSync.Web.Api;

/// <summary>Every error answer of the API: one line.</summary>
public sealed record ErrorBody(string Error);
