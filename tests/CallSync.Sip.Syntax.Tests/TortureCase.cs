namespace CallSync.Sip.Syntax.Tests;

/// <summary>Loads the RFC 4475 / RFC 5118 style torture messages kept in Torture/ (copied to the output folder).</summary>
internal static class TortureCase
{
    internal static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Torture", name + ".sip"));

    internal static IEnumerable<string> All() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Torture"), "*.sip").Select(Path.GetFileNameWithoutExtension).Order()!;

    internal static SipMessage Parse(string name)
    {
        Assert.True(SipMessage.TryParse(Load(name), out var message, out var error), name + ": " + error.Reason);
        return message;
    }
}
