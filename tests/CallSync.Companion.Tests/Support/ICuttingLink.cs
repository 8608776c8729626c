namespace CallSync.Companion.Tests.Support;

/// <summary>A relay between companion and phone that cuts connections after a number of bytes from the phone.</summary>
public interface ICuttingLink : IAsyncDisposable
{
    /// <summary>Connections cut so far.</summary>
    int Cuts { get; }

    /// <summary>Opens a companion-side connection through the relay.</summary>
    Task<Stream> OpenAsync();
}
