using CallSync.Hub.Storage;

namespace CallSync.Hub.Bindings;

/// <summary>A binding decision and, when one exists, the binding.</summary>
internal sealed record BindOutcome(BindOutcomeKind Kind, BindingRecord? Binding, string Detail);
