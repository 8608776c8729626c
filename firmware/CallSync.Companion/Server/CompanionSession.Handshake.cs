using System.Security.Cryptography;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;
using CallSync.Companion.Security;
using CallSync.Contracts;

namespace CallSync.Companion.Server;

/// <summary>Hello, pairing and mutual authentication (docs/companion-protocol.md, sections 3-5).</summary>
internal sealed partial class CompanionSession
{
    private const int MaxUserIdLength = 128;
    private const int MaxNameLength = 64;

    /// <summary>
    /// True when the companion authenticated; false when the connection ended before that. The whole handshake has
    /// one deadline (<see cref="CompanionServerOptions.HandshakeTimeout"/>), so a peer that sends Hello and then pings
    /// cannot hold a connection; a pairing moves it by <see cref="CompanionServerOptions.PairingTimeout"/>.
    /// </summary>
    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        var options = _server.Options;
        using var deadline = new CancellationTokenSource(options.HandshakeTimeout, _server.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await HandshakeStepsAsync(deadline, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CompanionProtocolException(ErrorCode.Timeout, $"handshake not finished within {options.HandshakeTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<bool> HandshakeStepsAsync(CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var options = _server.Options;
        var hello = Parse<Hello>(await ReceiveStepAsync("Hello", null, cancellationToken).ConfigureAwait(false));
        ushort version = ProtocolVersion.Select(hello.MinVersion, hello.MaxVersion);
        if (version == 0)
        {
            throw new CompanionProtocolException(
                ErrorCode.UnsupportedVersion,
                $"no common protocol version: companion speaks {hello.MinVersion}-{hello.MaxVersion}, phone {ProtocolVersion.Min}-{ProtocolVersion.Max}");
        }

        await _connection.SendAsync(new HelloAccept(version, _server.Identity.DeviceId, _server.Identity.DeviceNumber), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var received = await ReceiveStepAsync("PairStart or AuthRequest", null, cancellationToken).ConfigureAwait(false);
            if (received is null)
            {
                return false;
            }

            var message = received.Value;
            Check(message);
            switch (message.Type)
            {
                case MessageType.PairStart:
                    deadline.CancelAfter(options.PairingTimeout + options.HandshakeTimeout);
                    if (!await PairAsync(Parse<PairStart>(message), cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }

                    deadline.CancelAfter(options.HandshakeTimeout);
                    break;
                case MessageType.AuthRequest:
                    await AuthenticateAsync(Parse<AuthRequest>(message), cancellationToken).ConfigureAwait(false);
                    return true;
                case MessageType.Ping:
                    await _connection.SendAsync(new Pong(Parse<Ping>(message).Token), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, $"{message.Type} is not allowed before authentication");
            }
        }
    }

    /// <summary>Numeric comparison pairing; true when paired (the companion may authenticate next on this connection).</summary>
    private async Task<bool> PairAsync(PairStart start, CancellationToken cancellationToken)
    {
        if (start.AppUserId.Length is 0 or > MaxUserIdLength || start.CompanionName.Length > MaxNameLength)
        {
            throw new CompanionProtocolException(ErrorCode.MalformedFrame, "PairStart app user id or companion name is empty or too long");
        }

        if (!PairingCrypto.TryImportPublicKey(start.PublicKey, out var peerKey))
        {
            throw new CompanionProtocolException(ErrorCode.PairingFailed, "companion public key is not a valid P-256 point");
        }

        using var companionKey = peerKey!;
        using var ownKey = PairingCrypto.CreateKeyPair();
        byte[] phonePublic = PairingCrypto.ExportPublicKey(ownKey);
        byte[] phoneNonce = PairingCrypto.NewNonce();
        Log.PairingStarted(_server.Logger, Connection, start.AppUserId, start.CompanionName);
        await _connection.SendAsync(
            new PairCommit(phonePublic, PairingCrypto.Commit(phoneNonce, phonePublic, start.PublicKey)), cancellationToken).ConfigureAwait(false);
        var companionNonce = Parse<PairNonce>(
            await ReceiveStepAsync("PairNonce", null, cancellationToken).ConfigureAwait(false)).Nonce;
        await _connection.SendAsync(new PairNonce(phoneNonce), cancellationToken).ConfigureAwait(false);

        int code = PairingCrypto.DeriveCode(start.PublicKey, phonePublic, companionNonce, phoneNonce);
        byte[] secret = PairingCrypto.SharedSecret(ownKey, companionKey);
        byte[] longTermKey = PairingCrypto.DeriveLongTermKey(secret, start.PublicKey, phonePublic, companionNonce, phoneNonce);
        CryptographicOperations.ZeroMemory(secret);

        using var deadline = new CancellationTokenSource(_server.Options.PairingTimeout, _server.Time);
        using var confirmation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var phoneDecision = AskPhoneUserAsync(new PairingPrompt(PairingCrypto.FormatCode(code), start.AppUserId, start.CompanionName), confirmation.Token);
        try
        {
            var confirm = Parse<PairConfirm>(
                await ReceiveStepAsync("PairConfirm", _server.Options.PairingTimeout, cancellationToken).ConfigureAwait(false));
            Log.CompanionDecided(_server.Logger, Connection, confirm.Accepted ? "confirmed" : "rejected");
            byte[] expected = PairingCrypto.ConfirmCheck(longTermKey, start.PublicKey, phonePublic, companionNonce, phoneNonce);
            if (!PairingCrypto.Equal(confirm.Check, expected))
            {
                Log.PairingRefused(_server.Logger, Connection, start.AppUserId, "confirmation value mismatch");
                throw new CompanionProtocolException(
                    ErrorCode.PairingFailed, "pairing confirmation value mismatch: the two sides derived different keys (wrong code or interception)");
            }

            string? refusal = null;
            var status = PairingStatus.Paired;
            if (!confirm.Accepted)
            {
                (status, refusal) = (PairingStatus.RejectedOnCompanion, "the code was rejected on the companion");
            }
            else if (!await phoneDecision.ConfigureAwait(false))
            {
                (status, refusal) = (PairingStatus.RejectedOnPhone, "the code was rejected (or not confirmed in time) on the desk phone");
            }

            if (refusal is not null)
            {
                Log.PairingRefused(_server.Logger, Connection, start.AppUserId, refusal);
                await _connection.SendAsync(new PairResult(status, refusal, string.Empty, [], [], []), cancellationToken).ConfigureAwait(false);
                return false;
            }

            string companionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var now = _server.Time.GetUtcNow();
            _server.Keys.Save(new PairedCompanion(companionId, start.AppUserId, start.CompanionName, now, longTermKey));
            byte[] attestation = new BindingAttestation(
                _server.Identity.DeviceId, _server.Identity.DeviceNumber, start.AppUserId, companionId, now).ToCanonicalJson();
            await _connection.SendAsync(
                new PairResult(PairingStatus.Paired, string.Empty, companionId, attestation, _server.Identity.Sign(attestation), _server.Identity.PublicKeySpki),
                cancellationToken).ConfigureAwait(false);
            Log.Paired(_server.Logger, companionId, start.AppUserId);
            return true;
        }
        finally
        {
            await confirmation.CancelAsync().ConfigureAwait(false);
            await ((Task)phoneDecision).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            CryptographicOperations.ZeroMemory(longTermKey);
        }
    }

    private async Task<bool> AskPhoneUserAsync(PairingPrompt prompt, CancellationToken cancellationToken)
    {
        try
        {
            return await _server.Confirmer.ConfirmAsync(prompt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task AuthenticateAsync(AuthRequest request, CancellationToken cancellationToken)
    {
        var companion = _server.Keys.Find(request.CompanionId)
            ?? throw new CompanionProtocolException(ErrorCode.NotPaired, $"companion {request.CompanionId} is not paired with this phone");
        byte[] phoneNonce = PairingCrypto.NewNonce();
        byte[] phoneProof = PairingCrypto.AuthProof(companion.LongTermKey, fromPhone: true, companion.CompanionId, request.Nonce, phoneNonce);
        await _connection.SendAsync(new AuthChallenge(phoneNonce, phoneProof), cancellationToken).ConfigureAwait(false);
        var response = Parse<AuthResponse>(
            await ReceiveStepAsync("AuthResponse", null, cancellationToken).ConfigureAwait(false));
        byte[] expected = PairingCrypto.AuthProof(companion.LongTermKey, fromPhone: false, companion.CompanionId, request.Nonce, phoneNonce);
        if (!PairingCrypto.Equal(response.Proof, expected))
        {
            throw new CompanionProtocolException(
                ErrorCode.AuthenticationFailed, $"companion {companion.CompanionId} failed authentication (wrong long-term key)");
        }

        var (companionToPhone, phoneToCompanion) = PairingCrypto.DeriveSessionKeys(companion.LongTermKey, request.Nonce, phoneNonce);
        _connection.EnableEncryption(phoneToCompanion, companionToPhone, isPhone: true);
        CompanionId = companion.CompanionId;
        _server.ClaimAuthenticatedSlot(this);
        await _server.SupersedeAsync(this, cancellationToken).ConfigureAwait(false);
        WantsRecordings = request.Flags.HasFlag(SessionFlags.ReceiveRecordings);
        await _connection.SendAsync(new AuthOk(companion.CompanionId), cancellationToken).ConfigureAwait(false);
        _authenticated = true;
        Log.Authenticated(_server.Logger, Connection, companion.CompanionId);
    }

    /// <summary>
    /// Receives one message, within <paramref name="timeout"/> when given (else the caller's token bounds it); null when
    /// the peer closed cleanly.
    /// </summary>
    private async Task<InboundMessage?> ReceiveStepAsync(string waitingFor, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is not { } limit)
        {
            return await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        }

        using var step = new CancellationTokenSource(limit, _server.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, step.Token);
        try
        {
            return await _connection.ReceiveAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (step.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CompanionProtocolException(ErrorCode.Timeout, $"no {waitingFor} within {limit.TotalSeconds:0} s");
        }
    }
}
