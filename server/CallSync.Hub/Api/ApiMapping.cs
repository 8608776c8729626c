using System.Text.Json;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Api;

/// <summary>Stored types to API shapes.</summary>
internal static class ApiMapping
{
    public static BindingDto ToDto(this BindingRecord binding) =>
        new(binding.UserId, binding.DeviceId, BindingStore.StatusText(binding.Status), binding.CanDial, binding.Via, binding.UpdatedAt);

    public static EnrollmentCodeDto ToDto(this Security.IssuedCode code) => new(code.DeviceId, code.Code, code.ExpiresAt);

    public static DialDto ToDto(this DialRequest dial) =>
        new(dial.RequestId, dial.DeviceId, dial.Number, dial.Status, dial.RecordId, dial.Reason, dial.CreatedAt, dial.UpdatedAt);

    public static AuditDto ToDto(this AuditEntry entry) =>
        new(entry.Id, entry.At, entry.Actor, entry.Action, entry.UserId, entry.DeviceId, entry.Outcome, entry.Detail);

    public static UserDto ToDto(this UserRecord user) =>
        new(user.UserId, user.Role == Security.UserRole.Admin ? "admin" : "user", user.NumberPatterns, UserStore.PolicyText(user.PushPolicy),
            user.PushTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), user.TimeZone, user.Disabled);

    public static RecordDto ToDto(this StoredCallRecord record)
    {
        using var document = JsonDocument.Parse(record.Payload);
        return new RecordDto(record.RecordId, record.DeviceId, record.Direction, record.LocalNumber, record.RemoteNumber, record.Result,
            record.StartedAt, record.ReceivedAt, record.Security, document.RootElement.Clone());
    }
}
