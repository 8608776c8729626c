namespace CallSync.Hub;

internal static class Program
{
    private static int Main() => 0;
}
