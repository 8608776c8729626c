using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport.Tls;

namespace CallSync.Sip.Tests.Fakes;

/// <summary>
/// A registrar or proxy scripted by the test over TCP, or TLS when given a certificate: it accepts the agent's
/// connections one by one and reads what comes on each (SIP messages and the keep-alive CRLFs, byte for byte), so a
/// test sees which connection carried what. Every wait is bounded in real time.
/// </summary>
public sealed class StreamSipServer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;

    public StreamSipServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The next connection from the agent (after the TLS handshake when TLS).</summary>
    public async Task<Flow> AcceptAsync()
    {
        var client = await _listener.AcceptTcpClientAsync().WaitAsync(Timeout);
        Stream stream = client.GetStream();
        if (_certificate is not null)
        {
            var tls = new SslStream(stream, false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate, EnabledSslProtocols = SipTlsContext.Protocols })
                .WaitAsync(Timeout);
            stream = tls;
        }

        return new Flow(client, stream);
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One accepted connection.</summary>
    public sealed class Flow(TcpClient client, Stream stream) : IAsyncDisposable
    {
        private readonly List<byte> _pending = [];

        /// <summary>The next SIP message on this connection (leading CRLFs skipped).</summary>
        public async Task<SipMessage> ReceiveAsync()
        {
            var decoder = new SipStreamDecoder();
            while (true)
            {
                var status = decoder.Decode(_pending.ToArray(), out var message, out var consumed, out var error);
                _pending.RemoveRange(0, consumed);
                if (status == SipDecodeStatus.Complete)
                {
                    return message!;
                }

                Assert.True(status is SipDecodeStatus.NeedMoreData or SipDecodeStatus.KeepAlive, error.ToString());
                if (status == SipDecodeStatus.NeedMoreData)
                {
                    await FillAsync();
                }
            }
        }

        /// <summary>The next request, answered with <paramref name="code"/> (a REGISTER's 200 grants what it asked for).</summary>
        public async Task<SipRequest> AnswerAsync(int code)
        {
            var request = Assert.IsType<SipRequest>(await ReceiveAsync());
            var b = SipResponseBuilder.CreateFor(request, code, null, "srv");
            if (request.Method == SipMethod.Register && code == 200)
            {
                b.AddHeader(SipHeaderNames.Contact, request.Headers.GetValue(SipHeaderNames.Contact)!);
                b.AddHeader(SipHeaderNames.Expires, request.Headers.GetValue(SipHeaderNames.Expires)!);
            }

            await SendAsync(b.ToArray());
            return request;
        }

        /// <summary>Exactly the next <paramref name="count"/> bytes, as text (the keep-alive ping is "\r\n\r\n").</summary>
        public async Task<string> ReceiveBytesAsync(int count)
        {
            while (_pending.Count < count)
            {
                await FillAsync();
            }

            var text = Encoding.ASCII.GetString([.. _pending.Take(count)]);
            _pending.RemoveRange(0, count);
            return text;
        }

        /// <summary>True when the agent closed the connection within the timeout without sending anything more.</summary>
        public async Task<bool> ClosedByAgentAsync()
        {
            var buffer = new byte[512];
            try
            {
                return _pending.Count == 0 && await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout) == 0;
            }
            catch (IOException)
            {
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        public async Task SendAsync(byte[] bytes)
        {
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            client.Dispose();
        }

        private async Task FillAsync()
        {
            var buffer = new byte[4096];
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout);
            Assert.True(n > 0, "the agent closed the connection");
            _pending.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }
}
