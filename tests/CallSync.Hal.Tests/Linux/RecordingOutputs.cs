using CallSync.Hal.Linux.Gpio;

namespace CallSync.Hal.Tests.Linux;

/// <summary>Output lines that remember their values and every write.</summary>
internal sealed class RecordingOutputs : IGpioOutputs
{
    private readonly Dictionary<int, bool> _values = [];

    public List<(int Index, bool Active)> Writes { get; } = [];

    public bool FailNext { get; set; }

    public bool this[int index] => _values.TryGetValue(index, out var value) && value;

    public void Set(int index, bool active)
    {
        if (FailNext)
        {
            FailNext = false;
            throw new GpioException("set failed", 5);
        }

        _values[index] = active;
        Writes.Add((index, active));
    }
}
