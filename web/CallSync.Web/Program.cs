using CallSync.Web;
using CallSync.Web.Api;
using CallSync.Web.Services;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
AppServices.Add(builder.Services, new Uri(builder.HostEnvironment.BaseAddress), new HttpClientHandler());
var host = builder.Build();
await host.Services.GetRequiredService<Session>().RestoreAsync().ConfigureAwait(false);
await host.RunAsync().ConfigureAwait(false);
