namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>What a test phone got from enrolling: the provisioning key and its broker password.</summary>
public sealed record TestEnrollment(string DeviceId, byte[] Key, string BrokerPassword, string BrokerUrl);
