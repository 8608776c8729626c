using System.Collections.Concurrent;

namespace CallSync.Companion.Tests.Support;

/// <summary>The desk phone user, scripted: answers every prompt with <see cref="Decision"/> and remembers the prompts.</summary>
public sealed class ScriptedConfirmer : IPairingConfirmer
{
    public ConcurrentQueue<PairingPrompt> Prompts { get; } = new();

    public bool Decision { get; set; } = true;

    public ValueTask<bool> ConfirmAsync(PairingPrompt prompt, CancellationToken cancellationToken)
    {
        Prompts.Enqueue(prompt);
        return ValueTask.FromResult(Decision);
    }
}
