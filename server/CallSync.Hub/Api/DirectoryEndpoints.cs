using System.Globalization;
using CallSync.Hub.Events;
using CallSync.Hub.Messaging;
using CallSync.Hub.Security;
using CallSync.Hub.Statistics;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>
/// What the app's screens list: the caller's phones, the time zones a push policy accepts; for admins every user
/// (their role, whether disabled), every phone with its state and last call, and the dashboard's figures.
/// </summary>
internal static class DirectoryEndpoints
{
    private static readonly Lazy<string[]> Zones = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id == "UTC" || id.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);

    public static void Map(RouteGroupBuilder user, RouteGroupBuilder admin)
    {
        user.MapGet("/phones", ListMyPhonesAsync).WithName("ListMyPhones").WithTags("bindings");
        user.MapGet("/timezones", () => TypedResults.Json<IReadOnlyList<string>>(Zones.Value, AppJsonContext.Default.IReadOnlyListString))
            .WithName("ListTimeZones").WithTags("me");
        admin.MapGet("/users", ListUsersAsync).WithName("ListUsers").WithTags("admin");
        admin.MapPut("/users/{userId}/role", SetRoleAsync).WithName("SetRole").WithTags("admin");
        admin.MapPut("/users/{userId}/disabled", SetDisabledAsync).WithName("SetDisabled").WithTags("admin");
        admin.MapGet("/devices", ListDevicesAsync).WithName("ListDevices").WithTags("admin");
        admin.MapGet("/stats", StatsAsync).WithName("GetStats").WithTags("admin");
    }

    private static async Task<IResult> ListMyPhonesAsync(HttpContext http, DirectoryQueries directory, CancellationToken cancellationToken)
    {
        var phones = await directory.ListMyPhonesAsync(AuthFilter.Caller(http).UserId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json<IReadOnlyList<MyPhoneDto>>(
            [.. phones.Select(p => new MyPhoneDto(p.Binding.DeviceId, p.DeskNumber, BindingStore.StatusText(p.Binding.Status), p.Binding.CanDial,
                p.Binding.Via, p.Binding.UpdatedAt, p.Online, p.ChangedAt))],
            AppJsonContext.Default.IReadOnlyListMyPhoneDto);
    }

    private static async Task<IResult> ListUsersAsync(DirectoryQueries directory, CancellationToken cancellationToken)
    {
        var users = await directory.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json<IReadOnlyList<UserDto>>(
            [.. users.Select(u => new UserDto(u.UserId, u.Role == UserRole.Admin ? "admin" : "user", u.NumberPatterns, u.PushPolicy, u.PushTime, u.TimeZone, u.Disabled))],
            AppJsonContext.Default.IReadOnlyListUserDto);
    }

    private static async Task<IResult> SetRoleAsync(
        string userId, RoleRequest body, HttpContext http, DirectoryQueries directory, EventFanout fanout, CancellationToken cancellationToken)
    {
        if (body.Role is not ("user" or "admin"))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "role must be user or admin");
        }

        if (body.Role == "user" && string.Equals(userId, AuthFilter.Caller(http).UserId, StringComparison.Ordinal))
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "an admin cannot take away their own admin role");
        }

        if (!await directory.SetRoleAsync(userId, body.Role == "admin" ? UserRole.Admin : UserRole.User, cancellationToken).ConfigureAwait(false))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "no such user");
        }

        fanout.EndStreamsOf(userId); // the app reconnects and sees what the new role may see
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetDisabledAsync(
        string userId, DisabledRequest body, HttpContext http, UserStore users, BrokerCredentialStore credentials, MosquittoConfig mosquitto,
        EventFanout fanout, CancellationToken cancellationToken)
    {
        if (body.Disabled && string.Equals(userId, AuthFilter.Caller(http).UserId, StringComparison.Ordinal))
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "an admin cannot disable themselves");
        }

        if (!await users.SetDisabledAsync(userId, body.Disabled, cancellationToken).ConfigureAwait(false))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "no such user");
        }

        if (body.Disabled)
        {
            // An external broker only knows the hash of the user's last token: drop it too.
            await credentials.DeleteAsync(BrokerIdentity.UserUsername(userId), BrokerIdentityKind.User, cancellationToken).ConfigureAwait(false);
            await mosquitto.RefreshAsync(cancellationToken).ConfigureAwait(false);
            fanout.EndStreamsOf(userId);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListDevicesAsync(DirectoryQueries directory, CancellationToken cancellationToken)
    {
        var devices = await directory.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json<IReadOnlyList<DeviceOverviewDto>>(
            [.. devices.Select(d => new DeviceOverviewDto(d.DeviceId, d.DeskNumber, d.Online, d.ChangedAt, d.LastCallAt))],
            AppJsonContext.Default.IReadOnlyListDeviceOverviewDto);
    }

    private static async Task<IResult> StatsAsync(
        string? from, string? to, string? timeZone, DirectoryQueries directory, StatsQueries stats, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "UTC", out var zone))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "timeZone must be an IANA time zone id such as Europe/Berlin");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone).DateTime);
        if (!TryDate(to, today, out var last) || !TryDate(from, last.AddDays(-6), out var first))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "from and to must be dates yyyy-MM-dd");
        }

        if (first > last || last.DayNumber - first.DayNumber >= CallStatistics.MaxDays)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, $"from must not be after to, and the period at most {CallStatistics.MaxDays} days");
        }

        var start = Start(first, zone);
        var end = Start(last.AddDays(1), zone);
        var (rows, truncated) = await stats.ReadAsync(start, end, cancellationToken).ConfigureAwait(false);
        var bindings = await directory.ListActiveBindingsAsync(cancellationToken).ConfigureAwait(false);
        var devices = await directory.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
        var report = CallStatistics.Compute(rows, truncated, first, last, zone, bindings,
            devices.ToDictionary(d => d.DeviceId, d => d.DeskNumber, StringComparer.Ordinal));
        return TypedResults.Json(report, AppJsonContext.Default.StatsDto);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly day)
    {
        day = fallback;
        return text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>The instant a local day starts (after a DST gap at midnight, the first valid local time).</summary>
    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
