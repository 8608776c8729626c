using System.Globalization;

namespace CallSync.Records.Tests.Publisher;

/// <summary>Command line: --mode run|commit-and-die --data DIR --url URL --device ID --count N --interval-ms M --keepalive-s K --linger.</summary>
internal sealed class PublisherArgs
{
    public string Mode { get; private set; } = "run";

    public string DataDir { get; private set; } = ".";

    public string Url { get; private set; } = "mqtt://127.0.0.1:1883";

    public string DeviceId { get; private set; } = "desk-test";

    public int Count { get; private set; }

    public int IntervalMs { get; private set; } = 40;

    public int KeepAliveSeconds { get; private set; } = 5;

    public bool Linger { get; private set; }

    public static PublisherArgs Parse(string[] args)
    {
        var parsed = new PublisherArgs();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => args[++i];
            switch (args[i])
            {
                case "--mode": parsed.Mode = Value(); break;
                case "--data": parsed.DataDir = Value(); break;
                case "--url": parsed.Url = Value(); break;
                case "--device": parsed.DeviceId = Value(); break;
                case "--count": parsed.Count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--interval-ms": parsed.IntervalMs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--keepalive-s": parsed.KeepAliveSeconds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--linger": parsed.Linger = true; break;
                default: throw new ArgumentException("unknown argument " + args[i]);
            }
        }

        return parsed;
    }
}
