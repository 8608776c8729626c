namespace CallSync.Configuration;

/// <summary>What a program was asked to do with its configuration.</summary>
public enum ConfigCommandKind
{
    /// <summary>Read it and run.</summary>
    Run,

    /// <summary><c>--check-config FILE</c>: validate and report every problem, start nothing.</summary>
    Check,

    /// <summary><c>--print-config-reference</c>: write the Markdown reference of every key.</summary>
    PrintReference,

    /// <summary><c>--help</c>.</summary>
    Help,
}
