namespace CallSync.Hub.Storage;

/// <summary>How a user's new call records reach their app on <c>users/{userId}/inbox</c>.</summary>
internal enum PushPolicy
{
    Off,
    Immediate,
    Daily,
}
