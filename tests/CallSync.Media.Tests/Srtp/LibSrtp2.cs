using System.Runtime.InteropServices;

namespace CallSync.Media.Tests.Srtp;

/// <summary>
/// libsrtp 2 (Debian libsrtp2-1, the reference implementation) through P/Invoke, as the independent side of
/// the SRTP cross-checks and benchmarks: one srtp_t session per instance, for sending (any outbound SSRC) or
/// receiving (any inbound SSRC). Buffers must have room for the tag (protect grows the packet in place).
/// </summary>
internal sealed class LibSrtp2 : IDisposable
{
    private const string Library = "libsrtp2.so.1";
    private const int SsrcAnyInbound = 2;
    private const int SsrcAnyOutbound = 3;
    private static readonly Lazy<int> Initialised = new(srtp_init);

    private nint _session;

    /// <param name="tag32">AES_CM_128_HMAC_SHA1_32 for SRTP (SRTCP keeps 80 bits), else AES_CM_128_HMAC_SHA1_80.</param>
    /// <param name="keySalt">16-byte master key then 14-byte master salt.</param>
    /// <param name="outbound">True to protect, false to unprotect.</param>
    public LibSrtp2(bool tag32, byte[] keySalt, bool outbound)
    {
        Check("srtp_init", Initialised.Value);
        var policy = new Policy { SsrcType = outbound ? SsrcAnyOutbound : SsrcAnyInbound, WindowSize = 128 };
        if (tag32)
        {
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(ref policy.Rtp);
        }
        else
        {
            srtp_crypto_policy_set_rtp_default(ref policy.Rtp);
        }

        srtp_crypto_policy_set_rtcp_default(ref policy.Rtcp);
        GCHandle pinned = GCHandle.Alloc(keySalt, GCHandleType.Pinned);
        try
        {
            policy.Key = pinned.AddrOfPinnedObject();
            Check("srtp_create", srtp_create(out _session, ref policy));
        }
        finally
        {
            pinned.Free();
        }
    }

    /// <summary>libsrtp's srtp_err_status_t of the call (0 = ok, 7 = auth_fail, 9 = replay_fail, 10 = replay_old).</summary>
    public int Protect(byte[] packet, ref int length) => srtp_protect(_session, packet, ref length);

    public int Unprotect(byte[] packet, ref int length) => srtp_unprotect(_session, packet, ref length);

    public int ProtectRtcp(byte[] packet, ref int length) => srtp_protect_rtcp(_session, packet, ref length);

    public int UnprotectRtcp(byte[] packet, ref int length) => srtp_unprotect_rtcp(_session, packet, ref length);

    public void Dispose()
    {
        if (_session != 0)
        {
            _ = srtp_dealloc(_session);
            _session = 0;
        }
    }

    private static void Check(string function, int status)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{function} failed: srtp_err_status {status}");
        }
    }

    [DllImport(Library)]
    private static extern int srtp_init();

    [DllImport(Library)]
    private static extern void srtp_crypto_policy_set_rtp_default(ref CryptoPolicy policy);

    [DllImport(Library)]
    private static extern void srtp_crypto_policy_set_rtcp_default(ref CryptoPolicy policy);

    [DllImport(Library)]
    private static extern void srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(ref CryptoPolicy policy);

    [DllImport(Library)]
    private static extern int srtp_create(out nint session, ref Policy policy);

    [DllImport(Library)]
    private static extern int srtp_dealloc(nint session);

    [DllImport(Library)]
    private static extern int srtp_protect(nint session, byte[] packet, ref int length);

    [DllImport(Library)]
    private static extern int srtp_unprotect(nint session, byte[] packet, ref int length);

    [DllImport(Library)]
    private static extern int srtp_protect_rtcp(nint session, byte[] packet, ref int length);

    [DllImport(Library)]
    private static extern int srtp_unprotect_rtcp(nint session, byte[] packet, ref int length);

    /// <summary>srtp_crypto_policy_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CryptoPolicy
    {
        public int CipherType;
        public int CipherKeyLength;
        public int AuthType;
        public int AuthKeyLength;
        public int AuthTagLength;
        public int SecurityServices;
    }

    /// <summary>srtp_policy_t of libsrtp 2.5 on LP64 Linux (unsigned long = 8 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Policy
    {
        public int SsrcType;
        public uint SsrcValue;
        public CryptoPolicy Rtp;
        public CryptoPolicy Rtcp;
        public nint Key;
        public nint Keys;
        public nuint NumMasterKeys;
        public nint DeprecatedEkt;
        public nuint WindowSize;
        public int AllowRepeatTx;
        public nint EncryptedHeaderExtensions;
        public int EncryptedHeaderExtensionCount;
        public nint Next;
    }
}
