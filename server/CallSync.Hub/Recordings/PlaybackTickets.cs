using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CallSync.Hub.Configuration;

namespace CallSync.Hub.Recordings;

/// <summary>
/// Short-lived links for the browser's audio element, which cannot send an Authorization header:
/// <c>base64url("r1|userId|recordId|expiresUnixSeconds") "." base64url(HMAC-SHA256(key, payload))</c>, the key derived
/// from <c>Security:TokenSecret</c> for this use only (an access token never works as a ticket, nor the reverse).
/// A ticket names one user and one record; the binding is checked again on every request.
/// </summary>
internal sealed class PlaybackTickets
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;

    public PlaybackTickets(SecurityOptions security, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(security);
        _key = HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(security.TokenSecret)), "callsync recording ticket v1"u8);
        _timeProvider = timeProvider;
    }

    public (string Ticket, DateTimeOffset ExpiresAt) Issue(string userId, string recordId)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(_timeProvider.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"r1|{userId}|{recordId}|{expires.ToUnixTimeSeconds()}"));
        return (Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload)), expires);
    }

    /// <summary>The ticket's user when it is genuine, unexpired and for <paramref name="recordId"/>; never throws on input.</summary>
    public bool TryValidate(string? ticket, string recordId, out string userId)
    {
        userId = string.Empty;
        var dot = ticket is null || ticket.Length > 1024 ? -1 : ticket.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(ticket.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(ticket.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || parts[0] != "r1" || !string.Equals(parts[2], recordId, StringComparison.Ordinal)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || _timeProvider.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expires))
        {
            return false;
        }

        userId = parts[1];
        return true;
    }
}
