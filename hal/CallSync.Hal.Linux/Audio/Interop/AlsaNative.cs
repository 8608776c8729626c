using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Audio.Interop;

/// <summary>
/// Raw alsa-lib PCM calls. Every function returns a negative errno on failure (alsa-lib does not use errno);
/// <see cref="AlsaPcm"/> checks them.
/// </summary>
internal static partial class AlsaNative
{
    internal const int StreamPlayback = 0;
    internal const int StreamCapture = 1;

    /// <summary>SND_PCM_NONBLOCK: reads and writes return -EAGAIN instead of blocking.</summary>
    internal const int ModeNonBlock = 1;

    /// <summary>SND_PCM_FORMAT_S16_LE.</summary>
    internal const int FormatS16Le = 2;

    /// <summary>SND_PCM_ACCESS_RW_INTERLEAVED.</summary>
    internal const int AccessRwInterleaved = 3;

    internal const int Eintr = 4;
    internal const int Enoent = 2;
    internal const int Eagain = 11;
    internal const int Ebusy = 16;
    internal const int Enodev = 19;
    internal const int Einval = 22;
    internal const int Epipe = 32;
    internal const int Estrpipe = 86;

    private const string Library = "libasound.so.2";

    [LibraryImport(Library, EntryPoint = "snd_pcm_open", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(out SafeAlsaPcmHandle pcm, string name, int stream, int mode);

    [LibraryImport(Library, EntryPoint = "snd_pcm_close")]
    internal static partial int Close(nint pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_set_params")]
    internal static partial int SetParams(SafeAlsaPcmHandle pcm, int format, int access, uint channels, uint rate,
        int softResample, uint latencyMicroseconds);

    [LibraryImport(Library, EntryPoint = "snd_pcm_get_params")]
    internal static partial int GetParams(SafeAlsaPcmHandle pcm, out nuint bufferSize, out nuint periodSize);

    [LibraryImport(Library, EntryPoint = "snd_pcm_prepare")]
    internal static partial int Prepare(SafeAlsaPcmHandle pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_drop")]
    internal static partial int Drop(SafeAlsaPcmHandle pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_readi")]
    internal static partial nint ReadInterleaved(SafeAlsaPcmHandle pcm, Span<short> buffer, nuint frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_writei")]
    internal static partial nint WriteInterleaved(SafeAlsaPcmHandle pcm, ReadOnlySpan<short> buffer, nuint frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_wait")]
    internal static partial int Wait(SafeAlsaPcmHandle pcm, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "snd_pcm_recover")]
    internal static partial int Recover(SafeAlsaPcmHandle pcm, int error, int silent);

    /// <summary>
    /// Sets this thread's handler for alsa-lib's diagnostics (which it otherwise prints to stderr); returns the previous one.
    /// The handler is <c>void (const char *file, int line, const char *function, int err, const char *fmt, va_list arg)</c>.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "snd_lib_error_set_local")]
    internal static partial nint SetLocalErrorHandler(nint handler);

    /// <summary>libc vsnprintf, to format alsa-lib's message with the va_list it passed to the handler.</summary>
    [LibraryImport("libc", EntryPoint = "vsnprintf")]
    internal static unsafe partial int FormatV(byte* buffer, nuint size, byte* format, nint arguments);

    /// <summary>A static, never freed string: returned as a pointer so the marshaller does not free it.</summary>
    [LibraryImport(Library, EntryPoint = "snd_strerror")]
    internal static partial nint StrError(int error);
}
