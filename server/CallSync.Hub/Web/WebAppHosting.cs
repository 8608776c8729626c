using System.Text.RegularExpressions;
using CallSync.Hub.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CallSync.Hub.Web;

/// <summary>
/// Serves the published web app at <c>/</c>: its files (the publish step's <c>.br</c>/<c>.gz</c> copies when the
/// browser accepts them, so nothing is compressed per request), fingerprinted framework files cached for a year,
/// everything else revalidated, and <c>index.html</c> for any other path outside the API (the app routes itself).
/// </summary>
internal static partial class WebAppHosting
{
    private static readonly string[] ApiPrefixes = ["/api", "/openapi", "/healthz"];

    public static void Use(WebApplication app, WebOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var index = options.Root is null ? null : Path.Combine(options.Root, "index.html");
        if (index is null || !File.Exists(index))
        {
            var where = options.Root ?? Path.Combine(AppContext.BaseDirectory, WebKeys.DefaultFolder);
            Log.WebAppMissing(logger, where);
            return;
        }

        var files = new PhysicalFileProvider(options.Root!);
        app.Use((context, next) =>
        {
            ChoosePrecompressed(context, files);
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new PrecompressedContentTypes(),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = IsFingerprinted(file.Context.Request.Path.Value ?? string.Empty)
                ? "public, max-age=31536000, immutable"
                : "no-cache",
        });
        app.MapFallback("{*path:nonfile}", (HttpContext context) => IsApi(context.Request.Path)
                ? Results.NotFound()
                : ServeIndex(context, index))
            .ExcludeFromDescription();
        Log.WebAppServed(logger, options.Root!);
    }

    private static PhysicalFileHttpResult ServeIndex(HttpContext context, string index)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(index, "text/html; charset=utf-8");
    }

    private static void ChoosePrecompressed(HttpContext context, PhysicalFileProvider files)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) || IsApi(request.Path) || !request.Path.HasValue)
        {
            return;
        }

        var accept = request.Headers.AcceptEncoding.ToString();
        foreach (var (token, suffix) in (ReadOnlySpan<(string, string)>)[("br", ".br"), ("gzip", ".gz")])
        {
            if (accept.Contains(token, StringComparison.OrdinalIgnoreCase) && files.GetFileInfo(request.Path.Value + suffix).Exists)
            {
                request.Path = request.Path.Value + suffix;
                context.Response.Headers.ContentEncoding = token;
                context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                return;
            }
        }
    }

    private static bool IsApi(PathString path) => ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    // Publish names framework files by content (dotnet.native.<hash>.wasm): a new build is a new name.
    private static bool IsFingerprinted(string path) =>
        path.StartsWith("/_framework/", StringComparison.Ordinal) && Fingerprint().IsMatch(path);

    [GeneratedRegex(@"\.[a-z0-9]{10,}\.[a-z]+(\.br|\.gz)?$")]
    private static partial Regex Fingerprint();

    /// <summary>The type of <c>x.js.br</c> is that of <c>x.js</c>; the types the web app's publish output needs.</summary>
    private sealed class PrecompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _inner = new();

        public PrecompressedContentTypes()
        {
            _inner.Mappings[".webmanifest"] = "application/manifest+json";
            _inner.Mappings[".dat"] = "application/octet-stream";
            _inner.Mappings[".blat"] = "application/octet-stream";
            _inner.Mappings[".dll"] = "application/octet-stream";
            _inner.Mappings[".pdb"] = "application/octet-stream";
            _inner.Mappings[".wasm"] = "application/wasm";
        }

        public bool TryGetContentType(string subpath, out string contentType)
        {
            if (subpath.EndsWith(".br", StringComparison.Ordinal) || subpath.EndsWith(".gz", StringComparison.Ordinal))
            {
                subpath = subpath[..^3];
            }

            return _inner.TryGetContentType(subpath, out contentType!);
        }
    }
}
