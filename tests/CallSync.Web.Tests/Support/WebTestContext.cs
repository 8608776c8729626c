using CallSync.Web.Api;
using CallSync.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Web.Tests.Support;

/// <summary>A bUnit context with the app's real services talking to a <see cref="FakeHub"/>, signed in as a user or an admin.</summary>
public class WebTestContext : BunitContext
{
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    public WebTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        AppServices.Add(Services, new Uri("http://hub.test/"), Hub);
        Services.AddSingleton<TimeProvider>(Time);
    }

    public FakeHub Hub { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    public Session Session => Services.GetRequiredService<Session>();

    public LiveEvents Live => Services.GetRequiredService<LiveEvents>();

    public WebTestContext SignedIn(string userId = "alice", string role = "user")
    {
        Session.SignInAsync(new TokenResponse("token-" + userId, Now.AddHours(1)), new Profile(userId, role, [], "off", "18:00", "UTC")).GetAwaiter().GetResult();
        return this;
    }
}
