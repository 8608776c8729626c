namespace CallSync.Web.Services;

/// <summary>The call results the API knows, and how the screens name them.</summary>
public static class CallResults
{
    public static IReadOnlyList<string> All { get; } = ["answered", "busy", "no-answer", "rejected", "cancelled", "failed"];

    public static string Describe(string result) => result switch
    {
        "answered" => "Answered",
        "busy" => "Busy",
        "no-answer" => "No answer",
        "rejected" => "Rejected",
        "cancelled" => "Cancelled",
        "failed" => "Failed",
        _ => result,
    };
}
