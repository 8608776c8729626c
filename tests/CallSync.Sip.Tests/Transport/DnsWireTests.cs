using System.Buffers.Binary;
using System.Net;
using CallSync.Sip.Transport.Resolution;

namespace CallSync.Sip.Tests.Transport;

public sealed class DnsWireTests
{
    [Fact]
    public void WriteQuery_SrvName_EncodesLabelsTypeAndRecursion()
    {
        var buffer = new byte[512];
        int length = DnsWire.WriteQuery(buffer, 0x1234, "_sip._udp.pbx.example.", DnsRecordType.Srv);

        byte[] expected =
        [
            0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            4, (byte)'_', (byte)'s', (byte)'i', (byte)'p', 4, (byte)'_', (byte)'u', (byte)'d', (byte)'p',
            3, (byte)'p', (byte)'b', (byte)'x', 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 0,
            0, 33, 0, 1,
        ];
        Assert.Equal(expected, buffer.AsSpan(0, length).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("has space.example")]
    [InlineData("toolonglabel-toolonglabel-toolonglabel-toolonglabel-toolonglabel-x.example")]
    public void WriteQuery_InvalidName_ReturnsZero(string name) =>
        Assert.Equal(0, DnsWire.WriteQuery(new byte[512], 1, name, DnsRecordType.A));

    [Fact]
    public void TryParseResponse_SrvWithCompressedNamesAndGlue_ReadsRecordsAndAddresses()
    {
        var answer = new AnswerBuilder(7, "_sip._udp.pbx.example", DnsRecordType.Srv);
        answer.Srv(10, 60, 5070, "a.pbx.example");
        answer.Srv(20, 0, 5080, "b.pbx.example");
        answer.Address("a.pbx.example", IPAddress.Parse("192.0.2.10"));
        answer.Address("b.pbx.example", IPAddress.Parse("2001:db8::b"));

        Assert.True(DnsWire.TryParseResponse(answer.Build(), 7, out var response, out var error), error);
        Assert.Equal(0, response!.ResponseCode);
        Assert.Equal([new SrvRecord(10, 60, 5070, "a.pbx.example"), new SrvRecord(20, 0, 5080, "b.pbx.example")], response.Services);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), Assert.Single(response.Addresses["a.pbx.example"]));
        Assert.Equal(IPAddress.Parse("2001:db8::b"), Assert.Single(response.Addresses["b.pbx.example"]));
    }

    [Fact]
    public void TryParseResponse_OtherQueryId_Refused()
    {
        var message = new AnswerBuilder(7, "pbx.example", DnsRecordType.A).Build();
        Assert.False(DnsWire.TryParseResponse(message, 8, out _, out var error));
        Assert.Equal("not the answer to our query", error);
    }

    [Fact]
    public void TryParseResponse_PointerLoop_RefusedWithoutHanging()
    {
        var answer = new AnswerBuilder(7, "pbx.example", DnsRecordType.A).Build();

        // One answer whose owner name is a pointer to itself.
        var looped = answer.Concat(new byte[] { 0xC0, (byte)answer.Length, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4 }).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(looped.AsSpan(6), 1);

        Assert.False(DnsWire.TryParseResponse(looped, 7, out _, out var error));
        Assert.Equal("truncated resource record", error);
    }

    [Fact]
    public void TryParseResponse_RecordLengthPastTheEnd_Refused()
    {
        var answer = new AnswerBuilder(7, "pbx.example", DnsRecordType.A);
        answer.Address("pbx.example", IPAddress.Parse("192.0.2.1"));
        var message = answer.Build();
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(message.Length - 6), 400);

        Assert.False(DnsWire.TryParseResponse(message, 7, out _, out var error));
        Assert.Equal("record data runs past the end", error);
    }

    [Fact]
    public void TryParseResponse_RandomBytesAndEveryTruncation_NeverThrows()
    {
        var answer = new AnswerBuilder(9, "_sip._tcp.pbx.example", DnsRecordType.Srv);
        answer.Srv(1, 1, 5060, "pbx.example");
        answer.Address("pbx.example", IPAddress.Parse("192.0.2.5"));
        var message = answer.Build();
        for (int cut = 0; cut < message.Length; cut++)
        {
            _ = DnsWire.TryParseResponse(message.AsSpan(0, cut), 9, out _, out _);
        }

        var random = new Random(3);
        var garbage = new byte[600];
        for (int i = 0; i < 5000; i++)
        {
            random.NextBytes(garbage);
            garbage[0] = 0;
            garbage[1] = 9;
            garbage[2] |= 0x80;
            _ = DnsWire.TryParseResponse(garbage.AsSpan(0, random.Next(garbage.Length)), 9, out _, out _);
        }
    }

    /// <summary>Builds DNS answers with compressed owner names the way servers do.</summary>
    private sealed class AnswerBuilder
    {
        private readonly List<byte> _records = [];
        private readonly byte[] _header;
        private readonly byte[] _question;
        private int _count;

        public AnswerBuilder(ushort id, string name, DnsRecordType type)
        {
            var query = new byte[512];
            int length = DnsWire.WriteQuery(query, id, name, type);
            _header = query[..12];
            _question = query[12..length];
            BinaryPrimitives.WriteUInt16BigEndian(_header.AsSpan(2), 0x8180);
        }

        public void Srv(ushort priority, ushort weight, ushort port, string target)
        {
            var data = new List<byte>();
            data.AddRange(U16(priority));
            data.AddRange(U16(weight));
            data.AddRange(U16(port));
            data.AddRange(Name(target));
            Record([0xC0, 12], DnsRecordType.Srv, [.. data]);
        }

        public void Address(string owner, IPAddress address) =>
            Record(Name(owner), address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.Aaaa, address.GetAddressBytes());

        public byte[] Build()
        {
            BinaryPrimitives.WriteUInt16BigEndian(_header.AsSpan(6), (ushort)_count);
            return [.. _header, .. _question, .. _records];
        }

        private void Record(byte[] owner, DnsRecordType type, byte[] data)
        {
            _records.AddRange(owner);
            _records.AddRange(U16((ushort)type));
            _records.AddRange(U16(1));
            _records.AddRange(new byte[] { 0, 0, 0, 60 });
            _records.AddRange(U16((ushort)data.Length));
            _records.AddRange(data);
            _count++;
        }

        private static byte[] U16(ushort value) => [(byte)(value >> 8), (byte)value];

        private static byte[] Name(string name) =>
            [.. name.Split('.').SelectMany(l => new[] { (byte)l.Length }.Concat(System.Text.Encoding.ASCII.GetBytes(l))), 0];
    }
}
