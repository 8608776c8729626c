using MQTTnet;
using MQTTnet.Exceptions;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>One MQTT 5 CONNECT attempt on 127.0.0.1, reporting the broker's answer (a refusal is not an exception).</summary>
public static class MqttProbe
{
    public static async Task<(IMqttClient? Client, MqttClientConnectResultCode Result)> TryConnectAsync(int port, string clientId, string? username, string? password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (username is not null)
        {
            options.WithCredentials(username, password);
        }

        MqttClientConnectResultCode code;
        try
        {
            code = (await client.ConnectAsync(options.Build())).ResultCode;
        }
        catch (MqttCommunicationException)
        {
            code = MqttClientConnectResultCode.UnspecifiedError; // closed without a CONNACK
        }

        if (code == MqttClientConnectResultCode.Success)
        {
            return (client, code);
        }

        client.Dispose();
        return (null, code);
    }
}
