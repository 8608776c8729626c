using CallSync.Contracts;
using CallSync.Mqtt.Enrollment;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;

namespace CallSync.Records.Tests.Mqtt;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoredEnrollmentTests
{
    private static StoredEnrollment Stored() => new()
    {
        HubUrl = "https://hub.example.com/",
        EnrolledAt = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero),
        Issued = new EnrollmentResponse
        {
            DeviceId = "desk-1",
            DeskNumber = "1001",
            ProvisioningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            BrokerUrl = "mqtts://hub.example.com:8883",
            BrokerUsername = "desk-1",
            BrokerPassword = "issued-password",
        },
    };

    [Fact]
    public void Save_ThenTryLoad_SameCredentialsInAnOwnerOnlyFile()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "credentials.json");

        Stored().Save(path);
        var loaded = StoredEnrollment.TryLoad(path, out var problem);

        Assert.Null(problem);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(Stored().Issued, loaded!.Issued);
        Assert.Equal(new CallSync.Mqtt.BrokerCredential("mqtts://hub.example.com:8883", "desk-1", "issued-password"), loaded.Broker);
        Assert.Equal(32, loaded.ProvisioningKey.Length);
        Assert.DoesNotContain("issued-password", loaded.Broker.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"hubUrl":"x","enrolledAt":"2026-12-04T10:00:00.000Z"}""")]
    [InlineData("""{"hubUrl":"x","enrolledAt":"2026-12-04T10:00:00.000Z","issued":{"deviceId":"d","deskNumber":"1","provisioningKey":"AAAA","brokerUrl":"mqtt://h","brokerUsername":"d","brokerPassword":"p"}}""")]
    public void TryLoad_DamagedFile_NullWithAReasonNeverThrows(string content)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "credentials.json");
        File.WriteAllText(path, content);

        Assert.Null(StoredEnrollment.TryLoad(path, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void TryLoad_Missing_NullWithoutProblem()
    {
        using var dir = new TempDirectory();
        Assert.Null(StoredEnrollment.TryLoad(Path.Combine(dir.Path, "none.json"), out var problem));
        Assert.Null(problem);
    }
}
