using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Audio.Interop;

namespace CallSync.Hal.Linux.Audio;

/// <summary>The one place alsa-lib's negative error codes become messages and <see cref="AlsaException"/>.</summary>
public static class AlsaErrors
{
    /// <summary>alsa-lib's own text for an error code (<c>snd_strerror</c>).</summary>
    public static string Describe(int errorCode)
    {
        var text = Marshal.PtrToStringUTF8(AlsaNative.StrError(errorCode));
        return string.IsNullOrEmpty(text) ? $"error {errorCode}" : text;
    }

    /// <summary>
    /// The exception for a failed <paramref name="operation"/> on PCM <paramref name="device"/>: alsa-lib's text,
    /// the code, for the usual open failures what to check, and alsa-lib's own diagnostic when it gave one.
    /// </summary>
    public static AlsaException Translate(int errorCode, string operation, string device, string? detail = null)
    {
        var hint = (-errorCode) switch
        {
            AlsaNative.Enoent => "; no PCM of that name is defined (`aplay -L` lists them; check the ALSA configuration)",
            AlsaNative.Ebusy => "; another program holds the device",
            AlsaNative.Enodev => "; the sound card is gone",
            13 or 1 => "; access denied (the user needs the audio group)",
            AlsaNative.Einval => "; the device does not support 16-bit mono at this rate with 20 ms periods",
            _ => "",
        };
        var said = string.IsNullOrWhiteSpace(detail) ? "" : $" [alsa-lib: {detail.Trim()}]";
        return new AlsaException($"ALSA {operation} on PCM \"{device}\" failed: {Describe(errorCode)} ({errorCode}){said}{hint}", errorCode);
    }
}
