using CallSync.Hub.Bindings;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>The app's side of binding: request by desk number, pairing attestation, list, unbind.</summary>
internal static class BindingEndpoints
{
    public static void Map(RouteGroupBuilder user)
    {
        user.MapGet("/bindings", ListAsync).WithName("ListBindings").WithTags("bindings");
        user.MapPost("/bindings", RequestAsync).WithName("RequestBinding").WithTags("bindings");
        user.MapPost("/bindings/attestation", AttestAsync).WithName("BindByAttestation").WithTags("bindings");
        user.MapDelete("/bindings/{deviceId}", UnbindAsync).WithName("Unbind").WithTags("bindings");
    }

    public static IResult ToResult(BindOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            BindOutcomeKind.Active => TypedResults.Json(outcome.Binding!.ToDto(), HubJsonContext.Default.BindingDto, statusCode: StatusCodes.Status201Created),
            BindOutcomeKind.Pending => TypedResults.Json(outcome.Binding!.ToDto(), HubJsonContext.Default.BindingDto, statusCode: StatusCodes.Status202Accepted),
            BindOutcomeKind.UnknownDevice or BindOutcomeKind.UnknownUser => ApiResults.Error(StatusCodes.Status404NotFound, outcome.Detail),
            BindOutcomeKind.Forbidden => ApiResults.Error(StatusCodes.Status403Forbidden, outcome.Detail),
            _ => ApiResults.Error(StatusCodes.Status400BadRequest, outcome.Detail),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext http, BindingStore bindings, CancellationToken cancellationToken)
    {
        var list = await bindings.ListForUserAsync(AuthFilter.Caller(http).UserId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json<IReadOnlyList<BindingDto>>([.. list.Select(b => b.ToDto())], HubJsonContext.Default.IReadOnlyListBindingDto);
    }

    private static async Task<IResult> RequestAsync(BindRequest body, HttpContext http, BindingService service, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.DeskNumber) || body.DeskNumber.Length > 64)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "deskNumber is required (at most 64 characters)");
        }

        return ToResult(await service.RequestByAppAsync(AuthFilter.Caller(http).UserId, body.DeskNumber, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> AttestAsync(AttestationRequest body, HttpContext http, BindingService service, CancellationToken cancellationToken)
    {
        byte[] attestation;
        byte[] signature;
        try
        {
            attestation = Convert.FromBase64String(body.Attestation ?? string.Empty);
            signature = Convert.FromBase64String(body.Signature ?? string.Empty);
        }
        catch (FormatException)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "attestation and signature must be base64");
        }

        return ToResult(await service.BindByAttestationAsync(AuthFilter.Caller(http).UserId, attestation, signature, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> UnbindAsync(string deviceId, HttpContext http, BindingService service, CancellationToken cancellationToken)
    {
        var caller = AuthFilter.Caller(http);
        return await service.UnbindAsync(caller.UserId, caller.UserId, deviceId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiResults.Error(StatusCodes.Status404NotFound, "no such binding");
    }
}
