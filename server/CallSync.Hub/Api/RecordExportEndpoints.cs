using System.Text;
using CallSync.Hub.Records;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>The call log as CSV, with the list's filters, streamed page by page (keyset), newest first.</summary>
internal static class RecordExportEndpoints
{
    /// <summary>The most rows one export carries; narrow the period for more.</summary>
    public const int MaxRows = 100_000;

    private const int PageSize = 500;

    public static void Map(RouteGroupBuilder user) =>
        user.MapGet("/records/export.csv", ExportAsync).WithName("ExportRecords").WithTags("records").Produces(StatusCodes.Status200OK, contentType: "text/csv");

    private static async Task<IResult> ExportAsync(
        HttpContext http,
        CallRecordStore records,
        BindingStore bindings,
        string? deviceId,
        string? from,
        string? to,
        string? direction,
        string? result,
        string? number,
        CancellationToken cancellationToken)
    {
        var (query, error) = await RecordEndpoints.ReadFilterAsync(AuthFilter.Caller(http), bindings, deviceId, from, to, direction, result, number, cancellationToken)
            .ConfigureAwait(false);
        return query is null ? error! : new CsvResult(records, query with { Limit = PageSize });
    }

    /// <summary>Writes as it reads, so an export of many rows never sits whole in memory.</summary>
    private sealed class CsvResult(CallRecordStore records, CallRecordQuery query) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var cancellationToken = httpContext.RequestAborted;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = "attachment; filename=\"calls.csv\"";
            response.Headers.CacheControl = "no-store";
            var text = new StringBuilder(CsvRecordWriter.Header);
            var page = query;
            var rows = 0;
            while (rows < MaxRows)
            {
                var items = await records.QueryAsync(page with { Limit = Math.Min(PageSize, MaxRows - rows) }, cancellationToken).ConfigureAwait(false);
                foreach (var item in items)
                {
                    CsvRecordWriter.AppendLine(text, item);
                }

                await response.WriteAsync(text.ToString(), Encoding.UTF8, cancellationToken).ConfigureAwait(false);
                text.Clear();
                rows += items.Count;
                if (items.Count < page.Limit)
                {
                    break;
                }

                page = page with { After = new RecordCursor(items[^1].StartedAt.ToUnixTimeMilliseconds(), items[^1].RecordId) };
            }
        }
    }
}
