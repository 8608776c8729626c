using System.Globalization;
using CallSync.Agent.Configuration;
using CallSync.Hal;
using CallSync.Hal.Linux;
using CallSync.Hal.Linux.Audio;
using CallSync.Hal.Linux.Display;
using CallSync.Hal.Linux.Gpio;
using CallSync.Hal.Simulated;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Hosting;

/// <summary>Builds the board the configuration names.</summary>
internal static class BoardFactory
{
    /// <exception cref="StartupError">
    /// The board cannot be built as configured (e.g. an unreadable microphone WAV, a missing GPIO chip, an unknown ALSA PCM).
    /// </exception>
    public static IBoard Create(BoardOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        if (options.Kind == BoardKind.Linux)
        {
            return CreateLinux(options, time, loggers);
        }

        var microphone = CreateMicrophone(options);
        IAudioSink speaker;
        try
        {
            speaker = options.Speaker is null ? new NullSink() : new WavSink(options.Speaker, options.SampleRate);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupError($"configuration: Board:Speaker = \"{options.Speaker}\" cannot be written ({ex.Message.TrimEnd('.')})");
        }

        var audio = new SimulatedAudioDevice(microphone, speaker, options.SampleRate, time, loggers.CreateLogger<SimulatedAudioDevice>());
        return new SimulatedBoard(audio, loggers);
    }

    private static LinuxBoard CreateLinux(BoardOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        try
        {
            return LinuxBoard.Open(options.Linux, time, loggers);
        }
        catch (GpioException ex)
        {
            throw new StartupError($"board: {ex.Message} (Board:GpioChip = \"{options.Linux.GpioChip}\")");
        }
        catch (AlsaException ex)
        {
            throw new StartupError($"board: {ex.Message} (Board:AlsaCapture = \"{options.Linux.Audio.CaptureDevice}\", Board:AlsaPlayback = \"{options.Linux.Audio.PlaybackDevice}\")");
        }
        catch (DllNotFoundException)
        {
            throw new StartupError("board: libasound.so.2 is not installed; the Linux board needs ALSA (Debian: libasound2)");
        }
        catch (ArgumentException ex)
        {
            throw new StartupError($"configuration: Board: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && options.Linux.DisplayKind == DisplayKind.Hd44780I2c)
        {
            throw new StartupError(
                $"board: the character LCD does not answer on /dev/i2c-{options.Linux.DisplayI2cBus} at 0x{options.Linux.DisplayI2cAddress:x2} " +
                $"({ex.Message.TrimEnd('.')}); check Board:DisplayI2cBus and Board:DisplayI2cAddress (`i2cdetect -y {options.Linux.DisplayI2cBus}`)");
        }
    }

    private static IAudioSource CreateMicrophone(BoardOptions options)
    {
        if (options.Microphone == "silence")
        {
            return new SilenceSource();
        }

        if (options.Microphone.StartsWith("tone:", StringComparison.Ordinal))
        {
            var hz = double.Parse(options.Microphone.AsSpan(5), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (hz >= options.SampleRate / 2.0)
            {
                throw new StartupError($"configuration: Board:Microphone = \"{options.Microphone}\" is invalid; expected a tone below {options.SampleRate / 2} Hz at Board:SampleRate {options.SampleRate}");
            }

            return new ToneSource(hz, options.SampleRate);
        }

        var path = options.Microphone[4..];
        try
        {
            return WavSource.Open(path, options.SampleRate);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new StartupError($"configuration: Board:Microphone = \"{options.Microphone}\" is unusable ({ex.Message.TrimEnd('.')}); expected a 16-bit mono PCM WAV at {options.SampleRate} Hz");
        }
    }
}
