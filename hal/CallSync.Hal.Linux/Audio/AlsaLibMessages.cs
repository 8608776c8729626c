using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Audio.Interop;

namespace CallSync.Hal.Linux.Audio;

/// <summary>
/// Catches alsa-lib's own diagnostic (e.g. "Unknown PCM usbhandset") on the calling thread while a PCM is opened, so
/// it goes into the exception instead of a stray "ALSA lib pcm.c:..." line on stderr (the agent's start-up errors are
/// one line). The va_list alsa-lib hands over is forwarded as-is to vsnprintf: on x86-64, AArch64 and ARM it arrives
/// as one pointer-sized argument.
/// </summary>
internal static unsafe class AlsaLibMessages
{
    [ThreadStatic]
    private static string? t_last;

    /// <summary>Installs the handler for this thread until the scope is disposed.</summary>
    public static Scope Catch()
    {
        t_last = null;
        var handler = (nint)(delegate* unmanaged[Cdecl]<byte*, int, byte*, int, byte*, nint, void>)&OnMessage;
        return new Scope(AlsaNative.SetLocalErrorHandler(handler));
    }

    /// <summary>The last message alsa-lib reported on this thread since <see cref="Catch"/>, or null.</summary>
    public static string? Last => t_last;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(byte* file, int line, byte* function, int error, byte* format, nint arguments)
    {
        const int Size = 512;
        byte* text = stackalloc byte[Size];
        int length = AlsaNative.FormatV(text, Size, format, arguments);
        t_last = length > 0 ? Marshal.PtrToStringUTF8((nint)text, Math.Min(length, Size - 1)) : Marshal.PtrToStringUTF8((nint)format);
    }

    internal readonly struct Scope(nint previous) : IDisposable
    {
        public void Dispose() => AlsaNative.SetLocalErrorHandler(previous);
    }
}
