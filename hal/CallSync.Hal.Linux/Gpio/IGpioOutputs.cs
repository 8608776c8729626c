namespace CallSync.Hal.Linux.Gpio;

/// <summary>Output lines by their index in the request: the seam LEDs and the ringer drive, faked in tests.</summary>
internal interface IGpioOutputs
{
    /// <summary>Sets one line active (lit, ringing) or inactive.</summary>
    /// <exception cref="GpioException">The kernel refused the value.</exception>
    void Set(int index, bool active);
}
