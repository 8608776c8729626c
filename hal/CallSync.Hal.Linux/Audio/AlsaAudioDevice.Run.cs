namespace CallSync.Hal.Linux.Audio;

/// <summary>One started period of the device, owning its thread.</summary>
public sealed partial class AlsaAudioDevice
{
    private sealed class Run : IDisposable
    {
        private readonly AlsaAudioDevice _device;
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

        /// <summary>Stops the thread and waits for it (at most one wait slice), unless called from the handler itself.</summary>
        public void Dispose()
        {
            Volatile.Write(ref _stop, 1);
            if (Thread.CurrentThread != Thread && Thread.IsAlive)
            {
                Thread.Join();
            }
        }
    }
}
