namespace CallSync.Hal.Linux.Audio;

/// <summary>One started period of the device, owning its thread.</summary>
public sealed partial class AlsaAudioDevice
{
    private sealed class Run : IDisposable
    {
        private readonly AlsaAudioDevice _device;
        private readonly SemaphoreSlim _owed = new(0, MaxOwedTicks);
        private int _stop;

        public Run(AlsaAudioDevice device, IAudioFrameHandler handler)
        {
            _device = device;
            Handler = handler;
            Thread = new Thread(static state => ((Run)state!)._device.Loop((Run)state!))
            {
                IsBackground = true,
                Name = "callsync-audio",
            };
        }

        public IAudioFrameHandler Handler { get; }

        public Thread Thread { get; }

        public bool StopRequested => Volatile.Read(ref _stop) == 1;

        /// <summary>The pacing timer, when a clock paces the frames.</summary>
        public ITimer? Ticks { get; set; }

        /// <summary>One frame period passed on the pacing clock: one more frame may be delivered.</summary>
        public void Tick()
        {
            if (_owed.CurrentCount < MaxOwedTicks)
            {
                try
                {
                    _owed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Raced with another tick at the limit: this frame is skipped, as after a stall.
                }
            }
        }

        /// <summary>Waits for the pacing clock to allow the next frame; false when stopping.</summary>
        public bool WaitForTick()
        {
            while (!StopRequested)
            {
                if (_owed.Wait(WaitSlice))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Stops the thread and waits for it (at most one wait slice), unless called from the handler itself.</summary>
        public void Dispose()
        {
            Volatile.Write(ref _stop, 1);
            Ticks?.Dispose();
            if (Thread.CurrentThread != Thread && Thread.IsAlive)
            {
                Thread.Join();
            }
        }
    }
}
