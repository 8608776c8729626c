using System.Text.Json;
using CallSync.Web.Api;

namespace CallSync.Web.Services;

/// <summary>Runs a request and turns the ways it can fail (the hub's refusal, no network, an unreadable answer) into one line for the screen.</summary>
public static class Attempt
{
    /// <summary>Null when it worked, else what to tell the user.</summary>
    public static async Task<string?> RunAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action().ConfigureAwait(false);
            return null;
        }
        catch (ApiException ex)
        {
            return ex.Message;
        }
        catch (HttpRequestException)
        {
            return "The hub cannot be reached. Check the connection and try again.";
        }
        catch (JsonException)
        {
            return "The hub's answer could not be read.";
        }
    }
}
