using CallSync.Hub.Bindings;
using CallSync.Hub.Configuration;
using CallSync.Hub.Messaging;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>Admin-only: users, devices and their enrollment, pending bindings, the audit trail, refusal counters.</summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/users", CreateUserAsync).WithName("CreateUser").WithTags("admin");
        admin.MapPut("/users/{userId}/patterns", SetPatternsAsync).WithName("SetNumberPatterns").WithTags("admin");
        admin.MapPost("/devices", CreateDeviceAsync).WithName("CreateDevice").WithTags("admin");
        admin.MapPost("/devices/{deviceId}/enrollment", NewEnrollmentCodeAsync).WithName("NewEnrollmentCode").WithTags("admin");
        admin.MapDelete("/devices/{deviceId}/credentials", RevokeAsync).WithName("RevokeDevice").WithTags("admin");
        admin.MapGet("/refusals", Refusals).WithName("ListRefusals").WithTags("admin");
        admin.MapGet("/bindings/pending", ListPendingAsync).WithName("ListPendingBindings").WithTags("admin");
        admin.MapPost("/bindings/{userId}/{deviceId}/approve", ApproveAsync).WithName("ApproveBinding").WithTags("admin");
        admin.MapDelete("/bindings/{userId}/{deviceId}", UnbindAsync).WithName("AdminUnbind").WithTags("admin");
        admin.MapGet("/audit", AuditAsync).WithName("ListAudit").WithTags("admin");
    }

    private static async Task<IResult> CreateUserAsync(CreateUserRequest body, UserStore users, SecurityOptions security, CancellationToken cancellationToken)
    {
        if (!UserIdRules.IsValid(body.UserId))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "userId: " + UserIdRules.Description);
        }

        if (body.Password is not { Length: >= 8 and <= SignInService.MaxPasswordLength })
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "password must have 8 to 1024 characters");
        }

        if (body.Role is not (null or "user" or "admin"))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "role must be user or admin");
        }

        if (!NumberPattern.IsValidList(body.NumberPatterns))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, NumberPattern.ListRule);
        }

        var patterns = body.NumberPatterns ?? [];

        var user = new UserRecord(body.UserId, PasswordHasher.Hash(body.Password, security.PasswordIterations),
            body.Role == "admin" ? UserRole.Admin : UserRole.User, patterns, PushPolicy.Off, new TimeOnly(18, 0), "UTC");
        return await users.CreateAsync(user, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Json(user.ToDto(), HubJsonContext.Default.UserDto, statusCode: StatusCodes.Status201Created)
            : ApiResults.Error(StatusCodes.Status409Conflict, "userId already exists");
    }

    private static async Task<IResult> SetPatternsAsync(string userId, PatternsRequest body, UserStore users, CancellationToken cancellationToken)
    {
        if (!NumberPattern.IsValidList(body.NumberPatterns))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, NumberPattern.ListRule);
        }

        var patterns = body.NumberPatterns ?? [];

        return await users.SetNumberPatternsAsync(userId, patterns, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiResults.Error(StatusCodes.Status404NotFound, "no such user");
    }

    private static async Task<IResult> CreateDeviceAsync(CreateDeviceRequest body, EnrollmentService enrollment, CancellationToken cancellationToken)
    {
        var (code, status, error) = await enrollment.CreateDeviceAsync(body.DeviceId, body.DeskNumber, cancellationToken).ConfigureAwait(false);
        return code is null
            ? ApiResults.Error(status, error)
            : TypedResults.Json(code.ToDto(), HubJsonContext.Default.EnrollmentCodeDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> NewEnrollmentCodeAsync(string deviceId, EnrollmentService enrollment, CancellationToken cancellationToken) =>
        await enrollment.IssueCodeAsync(deviceId, cancellationToken).ConfigureAwait(false) is { } code
            ? TypedResults.Json(code.ToDto(), HubJsonContext.Default.EnrollmentCodeDto, statusCode: StatusCodes.Status201Created)
            : ApiResults.Error(StatusCodes.Status404NotFound, "no such device");

    private static async Task<IResult> RevokeAsync(string deviceId, EnrollmentService enrollment, CancellationToken cancellationToken) =>
        await enrollment.RevokeAsync(deviceId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiResults.Error(StatusCodes.Status404NotFound, "no such device");

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<IReadOnlyDictionary<string, long>> Refusals(RefusalCounter refusals) =>
        TypedResults.Json(refusals.Snapshot(), HubJsonContext.Default.IReadOnlyDictionaryStringInt64);

    private static async Task<IResult> ListPendingAsync(BindingStore bindings, CancellationToken cancellationToken)
    {
        var list = await bindings.ListPendingAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json<IReadOnlyList<BindingDto>>([.. list.Select(b => b.ToDto())], HubJsonContext.Default.IReadOnlyListBindingDto);
    }

    private static async Task<IResult> ApproveAsync(string userId, string deviceId, ApproveRequest? body, HttpContext http, BindingService service, CancellationToken cancellationToken) =>
        BindingEndpoints.ToResult(await service.ApproveAsync(AuthFilter.Caller(http).UserId, userId, deviceId, body?.CanDial ?? true, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> UnbindAsync(string userId, string deviceId, HttpContext http, BindingService service, CancellationToken cancellationToken) =>
        await service.UnbindAsync(AuthFilter.Caller(http).UserId, userId, deviceId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiResults.Error(StatusCodes.Status404NotFound, "no such binding");

    private static async Task<IResult> AuditAsync(string? userId, int? limit, BindingStore bindings, CancellationToken cancellationToken)
    {
        var entries = await bindings.ListAuditAsync(userId, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken).ConfigureAwait(false);
        return TypedResults.Json<IReadOnlyList<AuditDto>>([.. entries.Select(e => e.ToDto())], HubJsonContext.Default.IReadOnlyListAuditDto);
    }
}
