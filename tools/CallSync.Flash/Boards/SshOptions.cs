namespace CallSync.Flash.Boards;

/// <summary>How ssh is called: a per-run known_hosts file (accept-new), an optional identity, the connect timeout.</summary>
internal sealed record SshOptions(string KnownHostsFile, string? IdentityFile, TimeSpan ConnectTimeout)
{
    /// <summary>The arguments every ssh call carries before the destination.</summary>
    public IEnumerable<string> Arguments(BoardAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        yield return "-o";
        yield return "BatchMode=yes";
        yield return "-o";
        yield return "StrictHostKeyChecking=accept-new";
        yield return "-o";
        yield return $"UserKnownHostsFile={KnownHostsFile}";
        yield return "-o";
        yield return $"ConnectTimeout={(int)Math.Ceiling(ConnectTimeout.TotalSeconds)}";
        yield return "-o";
        yield return "LogLevel=ERROR";
        yield return "-p";
        yield return address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (IdentityFile is not null)
        {
            yield return "-i";
            yield return IdentityFile;
            yield return "-o";
            yield return "IdentitiesOnly=yes";
        }
    }
}
