using CallSync.Agent.Configuration;
using CallSync.Agent.Control;
using CallSync.Agent.Hosting;
using CallSync.Companion.Security;
using CallSync.Control;
using CallSync.Mqtt;
using CallSync.Mqtt.Enrollment;
using CallSync.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// Enrolls this phone with the hub (docs/security.md, "Enrollment"): the attestation key pair is generated on the
/// phone (<c>device-signing-key.pem</c>, 0600, kept across enrollments) and only its public half is sent with the
/// one-time code; the provisioning key, broker credential and broker URL that come back are stored 0600 in
/// <see cref="DataDirectory.Credentials"/> and take effect at once (the MQTT link reconnects with them). Runs from
/// the technician CLI (<c>callsync enroll URL CODE</c>, over the control socket) or at start from
/// <c>Enrollment:Url</c>/<c>Enrollment:Code</c> while the phone has no stored credentials, retrying an unreachable hub.
/// </summary>
internal sealed class HubEnrollment(
    AgentOptions options,
    DataDirectory dataDirectory,
    DeviceCredentials credentials,
    TimeProvider time,
    ILogger<HubEnrollment> logger) : BackgroundService, IControlCommandHandler
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _enrolling = new(1, 1);
    private readonly RetryBackoff _backoff = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    public IReadOnlyCollection<string> Commands { get; } = ["enroll"];

    public IReadOnlyCollection<string> Help { get; } = ["enroll URL CODE         enroll with the hub at URL using a one-time code from its admin"];

    /// <summary>True when credentials from an enrollment are stored.</summary>
    public bool IsEnrolled => StoredEnrollment.TryLoad(dataDirectory.Credentials, out _) is not null;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Enrollment is not null)
        {
            // Before the companion link starts, so both use the one key this creates.
            CompanionIdentity.LoadOrCreate(dataDirectory.Path, options.Device.Id, options.Device.Number).Dispose();
        }

        return base.StartAsync(cancellationToken);
    }

    public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Args is not [var urlText, var code] || !Uri.TryCreate(urlText, UriKind.Absolute, out var url))
        {
            return ControlResponse.Usage("usage: enroll URL CODE   (URL: the hub, e.g. https://hub.example.com)");
        }

        var outcome = await EnrollAsync(url, code, cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded
            ? ControlResponse.Ok($"enrolled with {url} as {options.Device.Id}: broker {outcome.Credentials!.BrokerUrl}; credentials stored in {dataDirectory.Credentials}")
            : ControlResponse.Refused("enrollment failed: " + outcome.Reason);
    }

    /// <summary>Enrolls with <paramref name="hub"/>; on success the new credentials are stored and in use.</summary>
    public async Task<EnrollmentOutcome> EnrollAsync(Uri hub, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        await _enrolling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] attestationKey;
            using (var identity = CompanionIdentity.LoadOrCreate(dataDirectory.Path, options.Device.Id, options.Device.Number))
            {
                attestationKey = identity.PublicKeySpki;
            }

            var outcome = await EnrollmentClient.EnrollAsync(_http, hub, code, options.Device.Id, attestationKey, cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                if (!outcome.IsRetryable)
                {
                    AgentEnrollmentLog.Refused(logger, hub.ToString(), outcome.Reason!);
                }

                return outcome;
            }

            var stored = new StoredEnrollment { HubUrl = hub.ToString(), EnrolledAt = time.GetUtcNow(), Issued = outcome.Credentials! };
            stored.Save(dataDirectory.Credentials);
            credentials.Replace(stored.Broker, stored.ProvisioningKey);
            AgentEnrollmentLog.Enrolled(logger, hub.ToString(), stored.Issued.BrokerUrl, dataDirectory.Credentials);
            return outcome;
        }
        finally
        {
            _enrolling.Release();
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        _enrolling.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Enrollment is not { } configured)
        {
            return;
        }

        if (IsEnrolled)
        {
            AgentEnrollmentLog.CodeIgnored(logger);
            return;
        }

        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            var outcome = await EnrollAsync(configured.Url, configured.Code, stoppingToken).ConfigureAwait(false);
            if (!outcome.IsRetryable)
            {
                return;
            }

            var delay = _backoff.Next(attempt);
            AgentEnrollmentLog.Retrying(logger, configured.Url.ToString(), outcome.Reason!, delay);
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
        }
    }
}
