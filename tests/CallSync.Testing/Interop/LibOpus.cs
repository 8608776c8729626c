using System.Runtime.InteropServices;

namespace CallSync.Testing.Interop;

/// <summary>The libopus calls the test kit encodes (and checks) Opus packets with; Debian's libopus0.</summary>
internal static partial class LibOpus
{
    /// <summary>CELT only: every packet has the same mode, so packets can be joined by the repacketizer.</summary>
    public const int ApplicationRestrictedLowDelay = 2051;
    public const int SetBitrateRequest = 4002;
    public const int Ok = 0;

    private const string Library = "libopus.so.0";

    [LibraryImport(Library, EntryPoint = "opus_encoder_create")]
    public static partial IntPtr EncoderCreate(int sampleRate, int channels, int application, out int error);

    [LibraryImport(Library, EntryPoint = "opus_encoder_destroy")]
    public static partial void EncoderDestroy(IntPtr encoder);

    /// <summary>opus_encoder_ctl is variadic; with one int argument the fixed (int, int) form works on Linux x64 and arm64.</summary>
    [LibraryImport(Library, EntryPoint = "opus_encoder_ctl")]
    public static partial int EncoderCtl(SafeHandle encoder, int request, int value);

    [LibraryImport(Library, EntryPoint = "opus_encode")]
    public static partial int Encode(SafeHandle encoder, ReadOnlySpan<short> pcm, int frameSize, Span<byte> data, int maxDataBytes);

    [LibraryImport(Library, EntryPoint = "opus_decoder_create")]
    public static partial IntPtr DecoderCreate(int sampleRate, int channels, out int error);

    [LibraryImport(Library, EntryPoint = "opus_decoder_destroy")]
    public static partial void DecoderDestroy(IntPtr decoder);

    [LibraryImport(Library, EntryPoint = "opus_decode")]
    public static partial int Decode(SafeHandle decoder, ReadOnlySpan<byte> data, int length, Span<short> pcm, int frameSize, int decodeFec);

    [LibraryImport(Library, EntryPoint = "opus_repacketizer_create")]
    public static partial IntPtr RepacketizerCreate();

    [LibraryImport(Library, EntryPoint = "opus_repacketizer_destroy")]
    public static partial void RepacketizerDestroy(IntPtr repacketizer);

    [LibraryImport(Library, EntryPoint = "opus_repacketizer_init")]
    public static partial IntPtr RepacketizerInit(SafeHandle repacketizer);

    [LibraryImport(Library, EntryPoint = "opus_repacketizer_cat")]
    public static partial int RepacketizerCat(SafeHandle repacketizer, ReadOnlySpan<byte> data, int length);

    [LibraryImport(Library, EntryPoint = "opus_repacketizer_out")]
    public static partial int RepacketizerOut(SafeHandle repacketizer, Span<byte> data, int maxLength);

    [LibraryImport(Library, EntryPoint = "opus_packet_get_nb_frames")]
    public static partial int PacketFrames(ReadOnlySpan<byte> packet, int length);

    [LibraryImport(Library, EntryPoint = "opus_packet_get_samples_per_frame")]
    public static partial int PacketSamplesPerFrame(ReadOnlySpan<byte> packet, int sampleRate);
}
