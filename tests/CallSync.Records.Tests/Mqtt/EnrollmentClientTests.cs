using System.Net;
using System.Text;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Mqtt.Enrollment;

namespace CallSync.Records.Tests.Mqtt;

public sealed class EnrollmentClientTests
{
    private static readonly Uri Hub = new("https://hub.example.com/");
    private static readonly byte[] AttestationKey = [1, 2, 3];

    [Theory]
    [InlineData("https://hub.example.com", true)]
    [InlineData("https://10.0.0.5:8443/", true)]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://hub.example.com", false)]
    [InlineData("http://10.0.0.5:8080", false)]
    [InlineData("ftp://hub.example.com", false)]
    public void IsAllowedHubUrl_HttpsOrLoopbackHttpOnly(string url, bool allowed) =>
        Assert.Equal(allowed, EnrollmentClient.IsAllowedHubUrl(new Uri(url)));

    [Fact]
    public async Task EnrollAsync_HubIssuesCredentials_PostsCodeDeviceAndKeyAndReturnsThem()
    {
        var handler = new StubHandler(HttpStatusCode.OK, Issued("desk-1"));
        using var http = new HttpClient(handler);

        var outcome = await EnrollmentClient.EnrollAsync(http, Hub, " ABCD-EFGH-JKMN ", "desk-1", AttestationKey, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("mqtt://hub.example.com:1883", outcome.Credentials!.BrokerUrl);
        Assert.Equal(new Uri("https://hub.example.com/api/v1/enroll"), handler.Request!.RequestUri);
        var sent = JsonSerializer.Deserialize(handler.Body!, CallSyncJsonContext.Default.EnrollmentRequest)!;
        Assert.Equal(("ABCD-EFGH-JKMN", "desk-1", Convert.ToBase64String(AttestationKey)), (sent.Code, sent.DeviceId, sent.AttestationKey));
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "this enrollment code was already used")]
    [InlineData(HttpStatusCode.Gone, "this enrollment code has expired")]
    [InlineData(HttpStatusCode.BadRequest, "unknown enrollment code")]
    public async Task EnrollAsync_HubRefuses_RefusedWithTheHubsReasonNotRetryable(HttpStatusCode status, string reason)
    {
        using var http = new HttpClient(new StubHandler(status, $$"""{"error":"{{reason}}"}"""));

        var outcome = await EnrollmentClient.EnrollAsync(http, Hub, "ABCD-EFGH-JKMN", "desk-1", AttestationKey, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.IsRetryable);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task EnrollAsync_HubBusy_Retryable(HttpStatusCode status)
    {
        using var http = new HttpClient(new StubHandler(status, """{"error":"later"}"""));
        var outcome = await EnrollmentClient.EnrollAsync(http, Hub, "ABCD-EFGH-JKMN", "desk-1", AttestationKey, CancellationToken.None);
        Assert.True(outcome.IsRetryable);
    }

    [Fact]
    public async Task EnrollAsync_HubUnreachable_RetryableWithoutThrowing()
    {
        using var http = new HttpClient(new StubHandler(new HttpRequestException("connection refused")));
        var outcome = await EnrollmentClient.EnrollAsync(http, Hub, "ABCD-EFGH-JKMN", "desk-1", AttestationKey, CancellationToken.None);
        Assert.True(outcome.IsRetryable);
        Assert.Contains("connection refused", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""{"deviceId":"desk-2","deskNumber":"1","provisioningKey":"AAAA","brokerUrl":"mqtt://h","brokerUsername":"desk-2","brokerPassword":"p"}""")]
    public async Task EnrollAsync_UnusableAnswer_RefusedWithoutThrowing(string body)
    {
        using var http = new HttpClient(new StubHandler(HttpStatusCode.OK, body));
        var outcome = await EnrollmentClient.EnrollAsync(http, Hub, "ABCD-EFGH-JKMN", "desk-1", AttestationKey, CancellationToken.None);
        Assert.False(outcome.Succeeded);
        Assert.False(outcome.IsRetryable);
    }

    [Fact]
    public async Task EnrollAsync_OtherDevicesCredentialsOrShortKeyOrHugeAnswer_Refused()
    {
        using var other = new HttpClient(new StubHandler(HttpStatusCode.OK, Issued("desk-2")));
        using var shortKey = new HttpClient(new StubHandler(HttpStatusCode.OK, Issued("desk-1", key: Convert.ToBase64String(new byte[16]))));
        using var huge = new HttpClient(new StubHandler(HttpStatusCode.OK, Issued("desk-1") + new string(' ', EnrollmentClient.MaxResponseBytes)));

        foreach (var http in new[] { other, shortKey, huge })
        {
            var outcome = await EnrollmentClient.EnrollAsync(http, Hub, "ABCD-EFGH-JKMN", "desk-1", AttestationKey, CancellationToken.None);
            Assert.False(outcome.Succeeded);
        }
    }

    [Fact]
    public async Task EnrollAsync_PlainHttpToAnotherHost_RefusedWithoutSending()
    {
        var handler = new StubHandler(HttpStatusCode.OK, Issued("desk-1"));
        using var http = new HttpClient(handler);
        var outcome = await EnrollmentClient.EnrollAsync(http, new Uri("http://hub.example.com"), "ABCD-EFGH-JKMN", "desk-1", AttestationKey, CancellationToken.None);
        Assert.False(outcome.Succeeded);
        Assert.Null(handler.Request);
    }

    internal static string Issued(string deviceId, string? key = null) => JsonSerializer.Serialize(new EnrollmentResponse
    {
        DeviceId = deviceId,
        DeskNumber = "1001",
        ProvisioningKey = key ?? Convert.ToBase64String(new byte[32]),
        BrokerUrl = "mqtt://hub.example.com:1883",
        BrokerUsername = deviceId,
        BrokerPassword = "issued-password",
    }, CallSyncJsonContext.Default.EnrollmentResponse);

    private sealed class StubHandler : HttpMessageHandler
    {
        private readonly HttpStatusCode _status;
        private readonly string _body = string.Empty;
        private readonly Exception? _failure;

        public StubHandler(HttpStatusCode status, string body)
        {
            _status = status;
            _body = body;
        }

        public StubHandler(Exception failure) => _failure = failure;

        public HttpRequestMessage? Request { get; private set; }

        public byte[]? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            Request = request;
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(_status) { Content = new StringContent(_body, Encoding.UTF8, "application/json") };
        }
    }
}
