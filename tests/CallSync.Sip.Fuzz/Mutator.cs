using System.Text;

namespace CallSync.Sip.Fuzz;

/// <summary>Structure-aware byte mutations over a seed corpus of SIP messages.</summary>
internal sealed class Mutator
{
    private static readonly byte[][] Tokens =
    [
        "\r\n"u8.ToArray(), "\r\n\r\n"u8.ToArray(), "\r\n "u8.ToArray(), ":"u8.ToArray(), ";"u8.ToArray(), ","u8.ToArray(),
        "\""u8.ToArray(), "\\"u8.ToArray(), "<"u8.ToArray(), ">"u8.ToArray(), "%"u8.ToArray(), "%0"u8.ToArray(), "@"u8.ToArray(),
        "["u8.ToArray(), "]"u8.ToArray(), "="u8.ToArray(), "?"u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), [0], [0xff],
        "SIP/2.0"u8.ToArray(), "Content-Length: "u8.ToArray(), "l: 99999"u8.ToArray(), "-1"u8.ToArray(),
        "4294967296"u8.ToArray(), "Via: SIP/2.0/UDP "u8.ToArray(), ";rport"u8.ToArray(), ";tag="u8.ToArray(),
        "Contact: *"u8.ToArray(), "sip:"u8.ToArray(), "sips:["u8.ToArray(), "tel:+"u8.ToArray(), "Digest realm=\""u8.ToArray(),
    ];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _corpus;

    internal Mutator(IReadOnlyList<byte[]> corpus, int seed)
    {
        _corpus = corpus;
        _random = new Random(seed);
    }

    internal byte[] Next()
    {
        var data = new List<byte>(_corpus[_random.Next(_corpus.Count)]);
        var rounds = 1 + _random.Next(8);
        for (var i = 0; i < rounds; i++)
        {
            Mutate(data);
        }

        if (data.Count > 70_000)
        {
            data.RemoveRange(70_000, data.Count - 70_000);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        var pos = data.Count == 0 ? 0 : _random.Next(data.Count);
        switch (_random.Next(9))
        {
            case 0 when data.Count > 0:
                data[pos] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[pos] = (byte)_random.Next(256);
                break;
            case 2 when data.Count > 0:
                data.RemoveRange(pos, Math.Min(data.Count - pos, 1 + _random.Next(16)));
                break;
            case 3:
                data.InsertRange(pos, Tokens[_random.Next(Tokens.Length)]);
                break;
            case 4 when data.Count > 0:
                var len = Math.Min(data.Count - pos, 1 + _random.Next(128));
                var chunk = data.GetRange(pos, len);
                var times = 1 + _random.Next(_random.Next(2) == 0 ? 4 : 400);
                for (var t = 0; t < times; t++)
                {
                    data.InsertRange(pos, chunk);
                }

                break;
            case 5:
                data.RemoveRange(pos, data.Count - pos);
                break;
            case 6:
                var other = _corpus[_random.Next(_corpus.Count)];
                var from = _random.Next(other.Length);
                data.InsertRange(pos, other.AsSpan(from, Math.Min(other.Length - from, 1 + _random.Next(200))).ToArray());
                break;
            case 7:
                var digits = Encoding.ASCII.GetBytes(_random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
                data.InsertRange(pos, digits);
                break;
            default:
                // Swap two lines: header order and start-line placement.
                var text = data.ToArray();
                var a = Array.IndexOf(text, (byte)'\n', pos);
                if (a > 0 && a + 1 < text.Length)
                {
                    var b = Array.IndexOf(text, (byte)'\n', a + 1);
                    if (b > a)
                    {
                        var line = data.GetRange(a + 1, b - a);
                        data.RemoveRange(a + 1, b - a);
                        data.InsertRange(_random.Next(data.Count), line);
                    }
                }

                break;
        }
    }
}
