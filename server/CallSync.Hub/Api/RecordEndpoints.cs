using System.Globalization;
using CallSync.Hub.Records;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>Call records of the caller's bound devices (admins: all).</summary>
internal static class RecordEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder user)
    {
        user.MapGet("/records", ListAsync).WithName("ListRecords").WithTags("records");
        user.MapGet("/records/{recordId}", GetAsync).WithName("GetRecord").WithTags("records");
        user.MapGet("/devices/{deviceId}", GetDeviceAsync).WithName("GetDevice").WithTags("devices");
    }

    public static async Task<bool> MayReadAsync(AccessToken caller, string deviceId, BindingStore bindings, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin)
        {
            return true;
        }

        var binding = await bindings.GetAsync(caller.UserId, deviceId, cancellationToken).ConfigureAwait(false);
        return binding is { Status: BindingStatus.Active };
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        CallRecordStore records,
        BindingStore bindings,
        string? deviceId,
        string? from,
        string? to,
        string? direction,
        string? result,
        string? number,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        var caller = AuthFilter.Caller(http);
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "limit must be 1-200");
        }

        RecordCursor? after = null;
        if (cursor is not null && !RecordCursor.TryDecode(cursor, out after))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "cursor is not one this API returned");
        }

        var (query, error) = await ReadFilterAsync(caller, bindings, deviceId, from, to, direction, result, number, cancellationToken).ConfigureAwait(false);
        if (query is null)
        {
            return error!;
        }

        var page = await records.QueryAsync(query with { After = after, Limit = size }, cancellationToken).ConfigureAwait(false);
        var next = page.Count == size ? new RecordCursor(page[^1].StartedAt.ToUnixTimeMilliseconds(), page[^1].RecordId).Encode() : null;
        return TypedResults.Json(new RecordPage([.. page.Select(r => r.ToDto())], next), HubJsonContext.Default.RecordPage);
    }

    /// <summary>
    /// The filters shared by the list and the CSV export: a query (no cursor, no limit yet), or the 400/403 to answer.
    /// </summary>
    public static async Task<(CallRecordQuery? Query, IResult? Error)> ReadFilterAsync(
        AccessToken caller, BindingStore bindings, string? deviceId, string? from, string? to, string? direction, string? result, string? number,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!TryInstant(from, out var fromAt) || !TryInstant(to, out var toAt))
        {
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "from and to must be ISO 8601 instants with an offset, e.g. 2026-11-23T00:00:00Z"));
        }

        if (direction is not null && !RecordFields.IsDirection(direction))
        {
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "direction must be incoming or outgoing"));
        }

        if (result is not null && !RecordFields.IsResult(result))
        {
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "result must be answered, busy, no-answer, rejected, cancelled or failed"));
        }

        if (number is { Length: > 64 })
        {
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "number: at most 64 characters"));
        }

        if (deviceId is not null && !await MayReadAsync(caller, deviceId, bindings, cancellationToken).ConfigureAwait(false))
        {
            return (null, ApiResults.Error(StatusCodes.Status403Forbidden, "not bound to this device"));
        }

        var normalized = number is null ? null : CallSync.Contracts.PhoneNumbers.Normalize(number) ?? number;
        return (new CallRecordQuery(caller.UserId, caller.IsAdmin, deviceId, fromAt, toAt, direction, result, normalized, null, DefaultLimit), null);
    }

    private static async Task<IResult> GetAsync(string recordId, HttpContext http, CallRecordStore records, BindingStore bindings, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(recordId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "no such record");
        }

        return await MayReadAsync(AuthFilter.Caller(http), record.DeviceId, bindings, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Json(record.ToDto(), HubJsonContext.Default.RecordDto)
            : ApiResults.Error(StatusCodes.Status403Forbidden, "not bound to this record's device");
    }

    private static async Task<IResult> GetDeviceAsync(string deviceId, HttpContext http, DeviceStore devices, BindingStore bindings, CancellationToken cancellationToken)
    {
        if (!await MayReadAsync(AuthFilter.Caller(http), deviceId, bindings, cancellationToken).ConfigureAwait(false))
        {
            return ApiResults.Error(StatusCodes.Status403Forbidden, "not bound to this device");
        }

        var device = await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "no such device");
        }

        var state = await devices.GetStateAsync(deviceId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new DeviceStateDto(deviceId, device.DeskNumber, state?.Online, state?.ChangedAt), HubJsonContext.Default.DeviceStateDto);
    }

    private static bool TryInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
