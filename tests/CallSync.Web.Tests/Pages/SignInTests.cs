using System.Net;
using CallSync.Web.Pages;
using CallSync.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CallSync.Web.Tests.Pages;

public sealed class SignInTests : WebTestContext
{
    [Fact]
    public void Submit_WrongPassword_ShowsTheHubsAnswerAndStaysSignedOut()
    {
        Hub.Error("POST", "/api/v1/auth/token", HttpStatusCode.Unauthorized, "unknown user or wrong password");
        var page = Render<SignIn>();
        page.Find("#userId").Change("alice");
        page.Find("#password").Change("nope");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal("unknown user or wrong password (401)", page.Find("[role=alert]").TextContent));
        Assert.False(Session.IsSignedIn);
    }

    [Fact]
    public void Submit_RightPassword_SignsInWithTheRoleFromTheProfileAndGoesHome()
    {
        Hub.Json("POST", "/api/v1/auth/token", """{"accessToken":"t-1","expiresAt":"2026-12-04T11:00:00Z"}""")
            .Get("/api/v1/me", Samples.Profile.Replace("\"user\"", "\"admin\"", StringComparison.Ordinal));
        var save = JSInterop.SetupVoid("callsync.save", _ => true);
        var page = Render<SignIn>();
        page.Find("#userId").Change(" alice ");
        page.Find("#password").Change("secret-password");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.True(Session.IsSignedIn));
        Assert.True(Session.IsAdmin);
        Assert.Equal("alice", Session.UserId);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains(Hub.Requests, r => r.Body == """{"userId":"alice","password":"secret-password"}""");
        Assert.Single(save.Invocations);
    }
}
