using System.Runtime.InteropServices;

namespace CallSync.Testing.Interop;

/// <summary>spandsp's G.722 encoder (Debian libspandsp2), the reference the test kit builds G.722 streams with.</summary>
internal static partial class LibSpanDsp
{
    /// <summary>64 kbit/s, 16 kHz input: G.722 as RTP carries it (RFC 3551: clock 8000, 16000 samples a second).</summary>
    public const int Rate64000 = 64000;

    private const string Library = "libspandsp.so.2";

    /// <summary>With a null state spandsp allocates one; options 0: 16 kHz linear input.</summary>
    [LibraryImport(Library, EntryPoint = "g722_encode_init")]
    public static partial IntPtr EncodeInit(IntPtr state, int rate, int options);

    [LibraryImport(Library, EntryPoint = "g722_encode_free")]
    public static partial int EncodeFree(IntPtr state);

    [LibraryImport(Library, EntryPoint = "g722_encode")]
    public static partial int Encode(SafeHandle state, Span<byte> g722, ReadOnlySpan<short> amplitudes, int length);
}
