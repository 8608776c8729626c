using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// The hub's recordings routes as docs/hub-api.md describes them ("Recordings on the hub"), on 127.0.0.1, for one
/// record: status, <c>Content-Range</c> chunks that must start where the upload stands, the SHA-256 check on the last
/// byte (a mismatch discards the upload with 422). Every request must carry <see cref="Token"/>.
/// </summary>
internal sealed class FakeRecordingHub : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly MemoryStream _received = new();
    private readonly object _gate = new();

    public FakeRecordingHub(string recordId, long size, string sha256, string token)
    {
        RecordId = recordId;
        Size = size;
        Sha256 = sha256;
        Token = token;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string RecordId { get; }

    public long Size { get; }

    public string Sha256 { get; }

    public string Token { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The Content-Range of every PUT, in order.</summary>
    public List<string> Ranges { get; } = [];

    /// <summary>Requests refused for a missing or wrong token.</summary>
    public int Unauthorized { get; private set; }

    public bool Stored { get; private set; }

    /// <summary>What the hub holds of the upload (all of it once stored).</summary>
    public byte[] Received()
    {
        lock (_gate)
        {
            return _received.ToArray();
        }
    }

    /// <summary>As if an earlier upload had been interrupted after these bytes.</summary>
    public void Preload(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            _received.Write(bytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var (status, body) = await HandleAsync(context.Request);
            response.StatusCode = status;
            response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    private async Task<(int Status, string Body)> HandleAsync(HttpListenerRequest request)
    {
        if (request.Headers["Authorization"] != "Bearer " + Token)
        {
            Unauthorized++;
            return (401, """{"error":"missing, invalid or expired access token"}""");
        }

        var route = $"/api/v1/records/{RecordId}/recording";
        if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == route + "/status")
        {
            return (200, StatusJson(Stored ? "stored" : Received().Length > 0 ? "partial" : "absent"));
        }

        if (request.HttpMethod != "PUT" || request.Url!.AbsolutePath != route)
        {
            return (404, """{"error":"no such record"}""");
        }

        var range = request.Headers["Content-Range"] ?? string.Empty;
        Ranges.Add(range);
        var parts = range.Replace("bytes ", string.Empty, StringComparison.Ordinal).Split('-', '/');
        using var chunk = new MemoryStream();
        await request.InputStream.CopyToAsync(chunk);
        var first = long.Parse(parts[0], CultureInfo.InvariantCulture);
        var last = long.Parse(parts[1], CultureInfo.InvariantCulture);
        var total = long.Parse(parts[2], CultureInfo.InvariantCulture);
        if (total != Size || chunk.Length != last - first + 1 || chunk.Length > 1024 * 1024)
        {
            return (400, """{"error":"bad chunk"}""");
        }

        lock (_gate)
        {
            if (first != _received.Length)
            {
                return (409, $$"""{"error":"the upload stands at byte {{_received.Length}}; send the chunk that starts there"}""");
            }

            _received.Write(chunk.GetBuffer().AsSpan(0, (int)chunk.Length));
            if (_received.Length < Size)
            {
                return (200, StatusJson("partial"));
            }

            var actual = Convert.ToHexStringLower(SHA256.HashData(_received.ToArray()));
            if (actual != Sha256)
            {
                _received.SetLength(0);
                return (422, $$"""{"error":"SHA-256 of the upload is {{actual}}, the record says {{Sha256}}: the upload was discarded"}""");
            }

            Stored = true;
            return (201, StatusJson("stored"));
        }
    }

    private string StatusJson(string state) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"recordId":"{{RecordId}}","state":"{{state}}","offset":{{Received().Length}},"size":{{Size}},"sha256":"{{Sha256}}","uploadAllowed":true}""");
}
