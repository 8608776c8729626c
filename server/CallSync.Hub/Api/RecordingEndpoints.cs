using CallSync.Hub.Recordings;
using CallSync.Hub.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace CallSync.Hub.Api;

/// <summary>
/// Recordings uploaded by the apps: status, resumable upload in <c>Content-Range</c> chunks, a playback link, and the
/// file itself with HTTP Range support (so the audio element can seek).
/// </summary>
internal static class RecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder user)
    {
        user.MapGet("/records/{recordId}/recording/status", StatusAsync).WithName("GetRecordingStatus").WithTags("recordings");
        user.MapPut("/records/{recordId}/recording", UploadAsync).WithName("UploadRecording").WithTags("recordings");
        user.MapPost("/records/{recordId}/recording/link", LinkAsync).WithName("GetPlaybackLink").WithTags("recordings");

        // Outside the bearer-only group: the audio element sends a ticket in the query instead.
        api.MapGet("/records/{recordId}/recording", PlayAsync).WithName("GetRecording").WithTags("recordings")
            .Produces(StatusCodes.Status200OK, contentType: "audio/ogg").Produces(StatusCodes.Status206PartialContent, contentType: "audio/ogg");
    }

    private static async Task<IResult> StatusAsync(string recordId, HttpContext http, RecordingService recordings, CancellationToken cancellationToken)
    {
        var (access, target) = await recordings.AuthorizeAsync(AuthFilter.Caller(http).UserId, recordId, cancellationToken).ConfigureAwait(false);
        if (access != RecordingAccess.Allowed)
        {
            return Refusal(access);
        }

        var (state, offset) = await recordings.StatusAsync(target!, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new RecordingStatusDto(recordId, state, offset, target!.Bytes, target.Sha256, recordings.UploadAllowed),
            AppJsonContext.Default.RecordingStatusDto);
    }

    private static async Task<IResult> UploadAsync(string recordId, HttpContext http, RecordingService recordings, CancellationToken cancellationToken)
    {
        var caller = AuthFilter.Caller(http);
        if (!recordings.UploadAllowed)
        {
            return ApiResults.Error(StatusCodes.Status403Forbidden, "recording uploads are off on this hub (Recordings:Upload)");
        }

        var (access, target) = await Authorize(caller.UserId, recordId, RecordingService.UploadAction, recordings, cancellationToken).ConfigureAwait(false);
        if (access != RecordingAccess.Allowed)
        {
            return Refusal(access);
        }

        if (!ContentRange.TryParse(http.Request.Headers.ContentRange.ToString(), out var range))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "Content-Range: bytes FIRST-LAST/TOTAL is required");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = RecordingService.MaxChunkBytes;
        }

        var outcome = await recordings.AppendAsync(caller.UserId, target!, range, http.Request.Body, cancellationToken).ConfigureAwait(false);
        var status = new RecordingStatusDto(recordId, outcome.Kind == UploadOutcomeKind.Stored ? "stored" : "partial", outcome.Offset, target!.Bytes, target.Sha256, true);
        return outcome.Kind switch
        {
            UploadOutcomeKind.Partial => TypedResults.Json(status, AppJsonContext.Default.RecordingStatusDto),
            UploadOutcomeKind.Stored => TypedResults.Json(status, AppJsonContext.Default.RecordingStatusDto, statusCode: StatusCodes.Status201Created),
            UploadOutcomeKind.OffsetMismatch or UploadOutcomeKind.Busy => ApiResults.Error(StatusCodes.Status409Conflict, outcome.Detail),
            UploadOutcomeKind.TooLarge => ApiResults.Error(StatusCodes.Status413PayloadTooLarge, outcome.Detail),
            UploadOutcomeKind.HashMismatch => ApiResults.Error(StatusCodes.Status422UnprocessableEntity, outcome.Detail),
            _ => ApiResults.Error(StatusCodes.Status400BadRequest, outcome.Detail),
        };
    }

    private static async Task<IResult> LinkAsync(string recordId, HttpContext http, RecordingService recordings, PlaybackTickets tickets, CancellationToken cancellationToken)
    {
        var caller = AuthFilter.Caller(http);
        var (access, target) = await Authorize(caller.UserId, recordId, RecordingService.PlayAction, recordings, cancellationToken).ConfigureAwait(false);
        if (access != RecordingAccess.Allowed)
        {
            return Refusal(access);
        }

        if (!await recordings.IsStoredAsync(recordId, cancellationToken).ConfigureAwait(false))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "the hub does not hold this recording");
        }

        var (ticket, expires) = tickets.Issue(caller.UserId, recordId);
        await recordings.AuditAsync(caller.UserId, RecordingService.PlayAction, target!.DeviceId, "link", recordId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new PlaybackLinkDto($"/api/v1/records/{recordId}/recording?ticket={Uri.EscapeDataString(ticket)}", expires),
            AppJsonContext.Default.PlaybackLinkDto);
    }

    private static async Task<IResult> PlayAsync(
        string recordId, string? ticket, HttpContext http, TokenAuthenticator tokens, PlaybackTickets tickets, RecordingService recordings, CancellationToken cancellationToken)
    {
        string userId;
        var viaTicket = ticket is not null;
        if (viaTicket)
        {
            if (!tickets.TryValidate(ticket, recordId, out userId))
            {
                return ApiResults.Error(StatusCodes.Status403Forbidden, "the playback link is invalid or expired");
            }
        }
        else
        {
            var token = await tokens.AuthenticateAsync(TokenAuthenticator.Bearer(http.Request.Headers.Authorization.ToString()), cancellationToken)
                .ConfigureAwait(false);
            if (token is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return ApiResults.Error(StatusCodes.Status401Unauthorized, "missing, invalid or expired access token (or use a playback link)");
            }

            userId = token.UserId;
        }

        var (access, target) = await Authorize(userId, recordId, RecordingService.PlayAction, recordings, cancellationToken).ConfigureAwait(false);
        if (access != RecordingAccess.Allowed)
        {
            return Refusal(access);
        }

        var path = recordings.FinalPath(recordId);
        if (!await recordings.IsStoredAsync(recordId, cancellationToken).ConfigureAwait(false))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "the hub does not hold this recording");
        }

        // A player fetches many ranges of one file; the play itself is what gets audited (the link, or a fetch from the start).
        var range = http.Request.GetTypedHeaders().Range;
        if (!viaTicket && (range is null || range.Ranges.FirstOrDefault()?.From is null or 0))
        {
            await recordings.AuditAsync(userId, RecordingService.PlayAction, target!.DeviceId, "served", recordId, cancellationToken).ConfigureAwait(false);
        }

        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.PhysicalFile(path, "audio/ogg", fileDownloadName: null, lastModified: File.GetLastWriteTimeUtc(path),
            entityTag: new EntityTagHeaderValue("\"" + target!.Sha256[..32] + "\""), enableRangeProcessing: true);
    }

    /// <summary>Authorizes and audits a refusal, so probing for other users' recordings leaves a trace.</summary>
    private static async Task<(RecordingAccess, RecordingTarget?)> Authorize(
        string userId, string recordId, string action, RecordingService recordings, CancellationToken cancellationToken)
    {
        var (access, target) = await recordings.AuthorizeAsync(userId, recordId, cancellationToken).ConfigureAwait(false);
        if (access == RecordingAccess.NotBound)
        {
            await recordings.AuditAsync(userId, action, "-", "refused", recordId + ": not bound", cancellationToken).ConfigureAwait(false);
        }

        return (access, target);
    }

    private static IResult Refusal(RecordingAccess access) => access switch
    {
        RecordingAccess.NotBound => ApiResults.Error(StatusCodes.Status403Forbidden, "not bound to this record's phone"),
        RecordingAccess.NoRecording => ApiResults.Error(StatusCodes.Status409Conflict, "this record has no recording"),
        _ => ApiResults.Error(StatusCodes.Status404NotFound, "no such record"),
    };
}
