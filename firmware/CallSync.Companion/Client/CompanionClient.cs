using System.Security.Cryptography;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;
using CallSync.Companion.Security;
using CallSync.Companion.Transport;
using CallSync.Contracts;

namespace CallSync.Companion.Client;

/// <summary>
/// The mobile side of the companion protocol (the CLI simulator and the tests use it): hello, pairing,
/// authentication, then an authenticated session with dial, ping, unpair and recording reception.
/// </summary>
public sealed partial class CompanionClient : IAsyncDisposable
{
    private readonly FrameConnection _connection;

    private CompanionClient(FrameConnection connection, HelloAccept accept)
    {
        _connection = connection;
        Version = accept.Version;
        DeviceId = accept.DeviceId;
        DeviceNumber = accept.DeviceNumber;
    }

    /// <summary>The negotiated protocol version.</summary>
    public ushort Version { get; }

    /// <summary>The phone's device id.</summary>
    public string DeviceId { get; }

    /// <summary>The phone's number.</summary>
    public string DeviceNumber { get; }

    /// <summary>How often the authenticated session pings the phone, which closes silent sessions; zero: never.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of the keep-alive pings.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Says hello over an open stream (the client owns it from now on).</summary>
    public static async Task<CompanionClient> ConnectAsync(Stream stream, CancellationToken cancellationToken)
    {
        var connection = new FrameConnection(stream);
        try
        {
            await connection.SendAsync(new Hello(ProtocolVersion.Min, ProtocolVersion.Max, "callsync-companion"), cancellationToken).ConfigureAwait(false);
            var accept = Expect<HelloAccept>(await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false));
            return new CompanionClient(connection, accept);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects over TCP and says hello.</summary>
    public static async Task<CompanionClient> ConnectTcpAsync(string host, int port, CancellationToken cancellationToken)
    {
        var stream = await TcpCompanionTransport.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        return await ConnectAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pairs by numeric comparison. <paramref name="confirmCode"/> shows the six digits to the app user and returns
    /// their decision; the desk phone user confirms on the keypad at the same time.
    /// </summary>
    public async Task<PairingResult> PairAsync(
        string appUserId,
        string companionName,
        Func<string, CancellationToken, ValueTask<bool>> confirmCode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmCode);
        using var ownKey = PairingCrypto.CreateKeyPair();
        byte[] companionPublic = PairingCrypto.ExportPublicKey(ownKey);
        await _connection.SendAsync(new PairStart(appUserId, companionName, companionPublic), cancellationToken).ConfigureAwait(false);
        var commit = Expect<PairCommit>(await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false));
        byte[] companionNonce = PairingCrypto.NewNonce();
        await _connection.SendAsync(new PairNonce(companionNonce), cancellationToken).ConfigureAwait(false);
        byte[] phoneNonce = Expect<PairNonce>(await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false)).Nonce;
        if (!PairingCrypto.Equal(PairingCrypto.Commit(phoneNonce, commit.PublicKey, companionPublic), commit.Commitment))
        {
            throw new CompanionProtocolException(ErrorCode.PairingFailed, "the phone's nonce does not match its commitment");
        }

        if (!PairingCrypto.TryImportPublicKey(commit.PublicKey, out var phoneKey))
        {
            throw new CompanionProtocolException(ErrorCode.PairingFailed, "the phone's public key is not a valid P-256 point");
        }

        byte[] longTermKey;
        using (phoneKey)
        {
            byte[] secret = PairingCrypto.SharedSecret(ownKey, phoneKey!);
            longTermKey = PairingCrypto.DeriveLongTermKey(secret, companionPublic, commit.PublicKey, companionNonce, phoneNonce);
            CryptographicOperations.ZeroMemory(secret);
        }

        string code = PairingCrypto.FormatCode(PairingCrypto.DeriveCode(companionPublic, commit.PublicKey, companionNonce, phoneNonce));
        bool accepted = await confirmCode(code, cancellationToken).ConfigureAwait(false);
        await _connection.SendAsync(
            new PairConfirm(accepted, PairingCrypto.ConfirmCheck(longTermKey, companionPublic, commit.PublicKey, companionNonce, phoneNonce)),
            cancellationToken).ConfigureAwait(false);
        var result = Expect<PairResult>(await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false));
        if (result.Status != PairingStatus.Paired)
        {
            CryptographicOperations.ZeroMemory(longTermKey);
            return new PairingResult(result.Status, result.Reason, code, null, false);
        }

        bool verified = BindingAttestation.Verify(result.Attestation, result.Signature, result.DevicePublicKey)
            && BindingAttestation.TryParse(result.Attestation, out var attestation)
            && attestation!.CompanionId == result.CompanionId && attestation.AppUserId == appUserId && attestation.DeviceId == DeviceId;
        var credentials = new CompanionCredentials
        {
            CompanionId = result.CompanionId,
            DeviceId = DeviceId,
            DeviceNumber = DeviceNumber,
            AppUserId = appUserId,
            LongTermKey = longTermKey,
            Attestation = result.Attestation,
            AttestationSignature = result.Signature,
            DevicePublicKey = result.DevicePublicKey,
        };
        return new PairingResult(PairingStatus.Paired, string.Empty, code, credentials, verified);
    }

    /// <summary>
    /// Mutual authentication with the long-term key; afterwards every frame is sealed and a background loop
    /// handles incoming messages (recordings go to <paramref name="recordings"/> when given).
    /// </summary>
    public async Task AuthenticateAsync(
        CompanionCredentials credentials, RecordingFolder? recordings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        byte[] companionNonce = PairingCrypto.NewNonce();
        var flags = recordings is null ? SessionFlags.None : SessionFlags.ReceiveRecordings;
        await _connection.SendAsync(new AuthRequest(credentials.CompanionId, companionNonce, flags), cancellationToken).ConfigureAwait(false);
        var challenge = Expect<AuthChallenge>(await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false));
        byte[] expected = PairingCrypto.AuthProof(credentials.LongTermKey, fromPhone: true, credentials.CompanionId, companionNonce, challenge.Nonce);
        if (!PairingCrypto.Equal(challenge.Proof, expected))
        {
            throw new CompanionProtocolException(ErrorCode.AuthenticationFailed, "the phone could not prove the long-term key");
        }

        await _connection.SendAsync(
            new AuthResponse(PairingCrypto.AuthProof(credentials.LongTermKey, fromPhone: false, credentials.CompanionId, companionNonce, challenge.Nonce)),
            cancellationToken).ConfigureAwait(false);
        var (companionToPhone, phoneToCompanion) = PairingCrypto.DeriveSessionKeys(credentials.LongTermKey, companionNonce, challenge.Nonce);
        _connection.EnableEncryption(companionToPhone, phoneToCompanion, isPhone: false);
        Expect<AuthOk>(await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false));
        _recordings = recordings;
        _readLoop = Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None);
        if (KeepAliveInterval > TimeSpan.Zero)
        {
            // Armed now, so the first ping is due one interval after authentication, not after the task starts.
            var timer = new PeriodicTimer(KeepAliveInterval, Time);
            _keepAlive = Task.Run(() => KeepAliveAsync(timer, _stop.Token), CancellationToken.None);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        if (_readLoop is not null)
        {
            await ((Task)_readLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_keepAlive is not null)
        {
            await _keepAlive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    internal static T Expect<T>(InboundMessage? received)
        where T : ICompanionMessage<T>
    {
        if (received is not { } message)
        {
            throw new EndOfStreamException($"the phone closed the connection while {T.Type} was expected");
        }

        if (message.Type == MessageType.Error)
        {
            throw ErrorMessage.TryRead(message.Payload, out var error)
                ? new CompanionProtocolException(error.Code, error.Reason, fromPeer: true)
                : new CompanionProtocolException(ErrorCode.MalformedFrame, "malformed Error payload");
        }

        if (message.Type != T.Type || !T.TryRead(message.Payload, out var parsed))
        {
            throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, $"expected {T.Type}, got {message.Type}");
        }

        return parsed;
    }
}
