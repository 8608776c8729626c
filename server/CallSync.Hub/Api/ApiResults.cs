using Microsoft.AspNetCore.Http;

namespace CallSync.Hub.Api;

/// <summary>JSON results through the source-generated context.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string message) =>
        TypedResults.Json(new ErrorDto(message), HubJsonContext.Default.ErrorDto, statusCode: status);
}
