using System.Collections.Concurrent;
using CallSync.Flash.Flashing;

namespace CallSync.Flash.Tests.Support;

/// <summary>Keeps every stage change and log line, per board.</summary>
internal sealed class RecordingObserver : IFlashObserver
{
    public ConcurrentQueue<(string Board, FlashStage Stage, string Detail)> Stages { get; } = new();

    public ConcurrentQueue<(string Board, string Line)> Lines { get; } = new();

    public void Stage(string board, FlashStage stage, string detail) => Stages.Enqueue((board, stage, detail));

    public void Log(string board, string line) => Lines.Enqueue((board, line));
}
