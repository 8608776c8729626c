namespace CallSync.Hub.Storage;

/// <summary>A binding is active (the user sees records and may dial) or waits for an admin.</summary>
internal enum BindingStatus
{
    Pending,
    Active,
}
