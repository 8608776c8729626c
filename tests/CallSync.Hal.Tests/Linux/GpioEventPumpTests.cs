using CallSync.Hal.Linux.Gpio;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hal.Tests.Linux;

/// <summary>Recorded line-event bytes through the pump and dispatcher, whole and split at every boundary.</summary>
public sealed class GpioEventPumpTests
{
    private const uint Hook = 17;
    private const uint Key1 = 4;
    private const uint KeySend = 6;

    private sealed class Board
    {
        public Board()
        {
            Dispatcher = new GpioInputDispatcher(HookSwitch, Keypad, new GpioLine((int)Hook, ActiveLow: true),
                new Dictionary<char, GpioLine> { ['1'] = new((int)Key1), [Keys.Send] = new((int)KeySend) },
                NullLogger.Instance);
            HookSwitch.Changed += (_, e) => Seen.Add(e.IsOffHook ? "off-hook" : "on-hook");
            Keypad.KeyPressed += (_, e) => Seen.Add($"key {e.Key}");
        }

        public GpioHookSwitch HookSwitch { get; } = new();

        public GpioKeypad Keypad { get; } = new();

        public GpioInputDispatcher Dispatcher { get; }

        public List<string> Seen { get; } = [];
    }

    /// <summary>Returns at most <paramref name="chunk"/> bytes per read, like a reader that lands mid-record.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(chunk, buffer.Length)]);
    }

    private static byte[] Record(params (GpioEdge Edge, uint Offset)[] events)
    {
        var bytes = new byte[events.Length * GpioLineEvent.Size];
        for (int i = 0; i < events.Length; i++)
        {
            var lineEvent = new GpioLineEvent((ulong)(i + 1) * 1_000_000, events[i].Edge, events[i].Offset, (uint)i + 1, 1);
            Assert.True(lineEvent.TryWrite(bytes.AsSpan(i * GpioLineEvent.Size)));
        }

        return bytes;
    }

    // Lift the handset, press 1, bounce-free release, press Send, release, hang up.
    private static readonly byte[] Call = Record(
        (GpioEdge.Rising, Hook),
        (GpioEdge.Rising, Key1), (GpioEdge.Falling, Key1),
        (GpioEdge.Rising, KeySend), (GpioEdge.Falling, KeySend),
        (GpioEdge.Falling, Hook));

    [Fact]
    public void Run_RecordedCall_RaisesHookAndKeysInOrder()
    {
        var board = new Board();

        long count = GpioEventPump.Run(new MemoryStream(Call), board.Dispatcher, NullLogger.Instance);

        Assert.Equal(6, count);
        Assert.Equal(["off-hook", "key 1", "key S", "on-hook"], board.Seen);
        Assert.False(board.HookSwitch.IsOffHook);
    }

    [Fact]
    public void Run_SplitAtEveryChunkSize_SameResult()
    {
        for (int chunk = 1; chunk <= GpioLineEvent.Size + 1; chunk++)
        {
            var board = new Board();

            GpioEventPump.Run(new ChunkedStream(Call, chunk), board.Dispatcher, NullLogger.Instance);

            Assert.Equal(["off-hook", "key 1", "key S", "on-hook"], board.Seen);
        }
    }

    [Fact]
    public void Run_RepeatedEdges_ChangeNothing()
    {
        var board = new Board();
        var data = Record(
            (GpioEdge.Rising, Key1), (GpioEdge.Rising, Key1), (GpioEdge.Falling, Key1), (GpioEdge.Falling, Key1),
            (GpioEdge.Falling, Hook), (GpioEdge.Rising, Hook), (GpioEdge.Rising, Hook));

        GpioEventPump.Run(new MemoryStream(data), board.Dispatcher, NullLogger.Instance);

        // One press for the key; the handset was already on-hook, so only the lift is a change.
        Assert.Equal(["key 1", "off-hook"], board.Seen);
    }

    [Fact]
    public void SetInitial_HandsetAlreadyLifted_NoEventAndStateIsOffHook()
    {
        var board = new Board();

        board.Dispatcher.SetInitial(Hook, active: true);
        board.Dispatcher.SetInitial(Key1, active: true);
        GpioEventPump.Run(new MemoryStream(Record((GpioEdge.Rising, Key1), (GpioEdge.Falling, Key1), (GpioEdge.Rising, Key1))),
            board.Dispatcher, NullLogger.Instance);

        Assert.True(board.HookSwitch.IsOffHook);
        // The key held at start is not a press; only the press after its release is.
        Assert.Equal(["key 1"], board.Seen);
    }

    [Fact]
    public void Run_UnknownLineAndMalformedRecord_SkippedAndCounted()
    {
        var board = new Board();
        var data = Record((GpioEdge.Rising, 99), (GpioEdge.Rising, Key1), (GpioEdge.Rising, Hook));
        data[GpioLineEvent.Size + 8] = 7; // the second record's id is no edge

        long count = GpioEventPump.Run(new MemoryStream(data), board.Dispatcher, NullLogger.Instance);

        Assert.Equal(2, count);
        Assert.Equal(1, board.Dispatcher.Unknown);
        Assert.Equal(["off-hook"], board.Seen);
    }

    [Fact]
    public void Run_SubscriberThrows_LaterEventsStillArrive()
    {
        var board = new Board();
        board.Keypad.KeyPressed += (_, _) => throw new InvalidOperationException("subscriber bug");

        GpioEventPump.Run(new MemoryStream(Call), board.Dispatcher, NullLogger.Instance);

        Assert.Equal(["off-hook", "key 1", "key S", "on-hook"], board.Seen);
    }

    [Fact]
    public void Run_TrailingPartialRecord_IsIgnoredAtEndOfStream()
    {
        var board = new Board();

        long count = GpioEventPump.Run(new MemoryStream(Call[..(GpioLineEvent.Size + 20)]), board.Dispatcher, NullLogger.Instance);

        Assert.Equal(1, count);
        Assert.Equal(["off-hook"], board.Seen);
    }
}
