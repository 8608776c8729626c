using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Mqtt;
using CallSync.Mqtt.Enrollment;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// Builds the phone's <see cref="DeviceCredentials"/> at start: the credentials stored by the last enrollment
/// (<see cref="DataDirectory.Credentials"/>) win; without them, a phone configured by hand uses <c>Mqtt:Url</c>,
/// <c>Mqtt:Username</c>, <c>Mqtt:Password</c> and <c>Device:ProvisioningKey</c>; with neither, the link waits for an
/// enrollment.
/// </summary>
internal static class HubLinkCredentials
{
    public static DeviceCredentials Load(AgentOptions options, DataDirectory dataDirectory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (StoredEnrollment.TryLoad(dataDirectory.Credentials, out var problem) is { } stored)
        {
            if (string.Equals(stored.Issued.DeviceId, options.Device.Id, StringComparison.Ordinal))
            {
                AgentEnrollmentLog.UsingStored(logger, stored.HubUrl, stored.EnrolledAt);
                return new DeviceCredentials(stored.Broker, stored.ProvisioningKey);
            }

            problem = $"{dataDirectory.Credentials} was issued to '{stored.Issued.DeviceId}', not to Device:Id '{options.Device.Id}'";
        }

        if (problem is not null)
        {
            AgentEnrollmentLog.StoredUnusable(logger, problem);
        }

        var broker = options.Mqtt?.Url is { } url ? new BrokerCredential(url.ToString().TrimEnd('/'), options.Mqtt.Username, options.Mqtt.Password) : null;
        return new DeviceCredentials(broker, options.Device.ProvisioningKey ?? []);
    }
}
