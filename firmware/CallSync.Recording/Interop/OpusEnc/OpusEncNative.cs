using System.Runtime.InteropServices;

namespace CallSync.Recording.Interop.OpusEnc;

/// <summary>
/// libopusenc 0.2: raw imports (private) and checked wrappers; every error code becomes one
/// <see cref="RecordingException"/>.
/// </summary>
internal static unsafe partial class OpusEncNative
{
    internal const int SetBitrateRequest = 4002;
    internal const int SetComplexityRequest = 4010;
    internal const int SetForceChannelsRequest = 4022;
    internal const int SetDecisionDelayRequest = 14000;
    internal const int SetMuxingDelayRequest = 14002;

    internal static OggOpusCommentsHandle CreateComments()
    {
        OggOpusCommentsHandle handle = ope_comments_create();
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new RecordingException("ope_comments_create failed");
        }

        return handle;
    }

    internal static void AddComment(OggOpusCommentsHandle comments, string tag, string value) =>
        Check(ope_comments_add(comments, tag, value), "ope_comments_add");

    internal static OggOpusEncoderHandle CreateEncoder(in OpusEncCallbacks callbacks, nint userData, OggOpusCommentsHandle comments, int rate, int channels, int family)
    {
        OggOpusEncoderHandle handle;
        int error;
        fixed (OpusEncCallbacks* cb = &callbacks)
        {
            handle = ope_encoder_create_callbacks(cb, userData, comments, rate, channels, family, out error);
        }

        if (error != 0 || handle.IsInvalid)
        {
            handle.Dispose();
            throw new RecordingException($"ope_encoder_create_callbacks failed: {ErrorText(error)} ({error})");
        }

        return handle;
    }

    internal static void Ctl(OggOpusEncoderHandle encoder, int request, int value) =>
        Check(ope_encoder_ctl(encoder, request, value), "ope_encoder_ctl");

    internal static void FlushHeader(OggOpusEncoderHandle encoder) =>
        Check(ope_encoder_flush_header(encoder), "ope_encoder_flush_header");

    internal static void Write(OggOpusEncoderHandle encoder, ReadOnlySpan<short> interleaved, int samplesPerChannel)
    {
        int result;
        fixed (short* p = interleaved)
        {
            result = ope_encoder_write(encoder, p, samplesPerChannel);
        }

        Check(result, "ope_encoder_write");
    }

    internal static void Drain(OggOpusEncoderHandle encoder) => Check(ope_encoder_drain(encoder), "ope_encoder_drain");

    internal static void DestroyEncoder(nint encoder) => ope_encoder_destroy(encoder);

    internal static void DestroyComments(nint comments) => ope_comments_destroy(comments);

    private static void Check(int result, string function)
    {
        if (result != 0)
        {
            throw new RecordingException($"{function} failed: {ErrorText(result)} ({result})");
        }
    }

    private static string ErrorText(int code)
    {
        byte* text = ope_strerror(code);
        return text == null ? "unknown error" : Marshal.PtrToStringUTF8((nint)text) ?? "unknown error";
    }

    [LibraryImport(Libraries.OpusEnc)]
    private static partial OggOpusCommentsHandle ope_comments_create();

    [LibraryImport(Libraries.OpusEnc, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ope_comments_add(OggOpusCommentsHandle comments, string tag, string value);

    [LibraryImport(Libraries.OpusEnc)]
    private static partial void ope_comments_destroy(nint comments);

    [LibraryImport(Libraries.OpusEnc)]
    private static partial OggOpusEncoderHandle ope_encoder_create_callbacks(
        OpusEncCallbacks* callbacks, nint userData, OggOpusCommentsHandle comments, int rate, int channels, int family, out int error);

    // Variadic in C; a fixed (int, int) signature matches the calling convention on Linux x64/arm64.
    [LibraryImport(Libraries.OpusEnc)]
    private static partial int ope_encoder_ctl(OggOpusEncoderHandle encoder, int request, int value);

    [LibraryImport(Libraries.OpusEnc)]
    private static partial int ope_encoder_flush_header(OggOpusEncoderHandle encoder);

    [LibraryImport(Libraries.OpusEnc)]
    private static partial int ope_encoder_write(OggOpusEncoderHandle encoder, short* pcm, int samplesPerChannel);

    [LibraryImport(Libraries.OpusEnc)]
    private static partial int ope_encoder_drain(OggOpusEncoderHandle encoder);

    [LibraryImport(Libraries.OpusEnc)]
    private static partial void ope_encoder_destroy(nint encoder);

    [LibraryImport(Libraries.OpusEnc)]
    private static partial byte* ope_strerror(int error);
}
