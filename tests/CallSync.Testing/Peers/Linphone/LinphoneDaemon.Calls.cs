using System.Globalization;
using CallSync.Testing.Waiting;

namespace CallSync.Testing.Peers.Linphone;

/// <summary>Typed linphone-daemon commands: calls, hold, DTMF, codecs, the outgoing audio, registration.</summary>
public sealed partial class LinphoneDaemon
{
    private int _highestCallId;

    /// <summary>Disables every audio codec, then enables <paramref name="codecs"/> in order.</summary>
    public async Task UseOnlyCodecsAsync(IEnumerable<string> codecs)
    {
        await RunAsync("audio-codec-disable ALL").ConfigureAwait(false);
        foreach (var codec in codecs)
        {
            await RunAsync("audio-codec-enable " + Mime(codec)).ConfigureAwait(false);
        }
    }

    /// <summary>Chooses how the next digits are sent: RTP telephone-events or SIP INFO.</summary>
    public async Task UseDtmfAsync(LinphoneDtmf mode)
    {
        var info = mode == LinphoneDtmf.SipInfo;
        await RunAsync("config-set sip use_info " + (info ? "1" : "0")).ConfigureAwait(false);
        await RunAsync("config-set sip use_rfc2833 " + (info ? "0" : "1")).ConfigureAwait(false);
    }

    /// <summary>Calls <paramref name="uri"/> (add <c>;transport=tcp</c> for TCP); returns linphone's id of the call.</summary>
    public async Task<int> CallAsync(string uri)
    {
        var id = Id(await RunAsync("call " + uri).ConfigureAwait(false));
        _highestCallId = Math.Max(_highestCallId, id);
        return id;
    }

    public Task AnswerAsync(int callId) => RunAsync("answer " + Text(callId));

    /// <summary>Hangs up (or declines) the call.</summary>
    public Task TerminateAsync(int callId) => RunAsync("terminate " + Text(callId));

    /// <summary>Puts the call on hold (re-INVITE with a=sendonly); linphone's outgoing audio player stops.</summary>
    public Task PauseAsync(int callId) => RunAsync("call-pause " + Text(callId));

    /// <summary>Takes the call off hold; restart the player with <see cref="PlayAsync"/> for audio to flow again.</summary>
    public Task ResumeAsync(int callId) => RunAsync("call-resume " + Text(callId));

    /// <summary>Sends one digit on the current call, the way <see cref="UseDtmfAsync"/> chose.</summary>
    public Task SendDtmfAsync(char digit) => RunAsync("dtmf " + digit);

    /// <summary>
    /// Makes <paramref name="wavPath"/> (a 16-bit PCM WAV) the call's outgoing audio. linphone-daemon 5.1.65
    /// crashes (SIGSEGV) when the file ends during the call: give it a file longer than the call.
    /// </summary>
    public Task PlayAsync(string wavPath, int callId) => RunAsync($"incall-player-start {wavPath} {Text(callId)}");

    /// <summary>Registers <see cref="Identity"/> with the registrar at <paramref name="proxy"/>; returns the registration's id.</summary>
    public async Task<int> RegisterAsync(string proxy, string? password = null) =>
        Id(await RunAsync($"register {Identity} {proxy}" + (password is null ? string.Empty : " " + password)).ConfigureAwait(false));

    /// <summary>Drops every registration: linphone then takes calls addressed straight to it only.</summary>
    public Task UnregisterAllAsync() => RunAsync("unregister ALL");

    /// <summary>A registration's state (e.g. LinphoneRegistrationOk); null once linphone no longer has it.</summary>
    public async Task<string?> RegistrationStateAsync(int registrationId)
    {
        var reply = await SendAsync("register-status " + Text(registrationId)).ConfigureAwait(false);
        return reply.IsOk ? reply["State"] : null;
    }

    /// <summary>The call's state; <see cref="LinphoneCallStatus.Released"/> once linphone no longer knows it.</summary>
    public async Task<LinphoneCallStatus> CallStatusAsync(int callId)
    {
        var reply = await SendAsync("call-status " + Text(callId)).ConfigureAwait(false);
        if (!reply.IsOk)
        {
            return new LinphoneCallStatus(LinphoneCallStatus.Released, null, null);
        }

        return new LinphoneCallStatus(reply["State"], reply.Fields.GetValueOrDefault("From"), reply.Fields.GetValueOrDefault("Direction"));
    }

    /// <summary>Polls the call until it reaches <paramref name="state"/>; fails early when the call is gone.</summary>
    public async Task<LinphoneCallStatus> WaitForCallStateAsync(int callId, string state, TimeSpan timeout)
    {
        var status = new LinphoneCallStatus("(not asked yet)", null, null);
        await Eventually.UntilAsync(
            async () =>
            {
                status = await CallStatusAsync(callId).ConfigureAwait(false);
                return status.State == state || (status.IsGone && state != LinphoneCallStatus.Released);
            },
            timeout,
            () => $"linphone's call {callId} to reach {state}; it is {status.State}\n{Describe()}").ConfigureAwait(false);
        return status.State == state
            ? status
            : throw new InvalidOperationException($"linphone's call {callId} ended before reaching {state}\n{Describe()}");
    }

    /// <summary>
    /// Waits for the next call linphone did not place (an incoming one) and returns its id: linphone numbers the
    /// calls of a run 1, 2, 3..., so the next call has the next id.
    /// </summary>
    public async Task<int> WaitForIncomingCallAsync(TimeSpan timeout)
    {
        int? id = null;
        await Eventually.UntilAsync(
            async () => (id = await NextIncomingCallAsync().ConfigureAwait(false)) is not null,
            timeout,
            () => "an incoming call at linphone\n" + Describe()).ConfigureAwait(false);
        return id!.Value;
    }

    /// <summary>The id of the next call, when linphone has one that it did not place; null otherwise (one look).</summary>
    public async Task<int?> NextIncomingCallAsync()
    {
        var id = _highestCallId + 1;
        if ((await CallStatusAsync(id).ConfigureAwait(false)).IsGone)
        {
            return null;
        }

        _highestCallId = id;
        return id;
    }

    private static int Id(LinphoneReply reply) => int.Parse(reply["Id"], CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>linphone names codecs mime/rate/channels; the short names of the agent's configuration map to those.</summary>
    private static string Mime(string codec) => codec.ToUpperInvariant() switch
    {
        "PCMU" => "PCMU/8000/1",
        "PCMA" => "PCMA/8000/1",
        "G722" => "G722/8000/1",
        "OPUS" => "opus/48000/2",
        _ => codec,
    };
}
