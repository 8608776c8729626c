using CallSync.Hub.Storage;

namespace CallSync.Hub.Tests.Unit;

public sealed class RecordCursorTests
{
    [Fact]
    public void TryDecode_EncodedCursor_RoundTrips()
    {
        var cursor = new RecordCursor(1_790_000_000_123, "5c1e7e0a-0000-4000-8000-000000000001");
        Assert.True(RecordCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("bm8tYmFy")] // "no-bar"
    public void TryDecode_Garbage_ReturnsFalse(string text)
    {
        Assert.False(RecordCursor.TryDecode(text, out _));
    }
}
