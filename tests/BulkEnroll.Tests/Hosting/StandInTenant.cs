using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BulkEnroll.Tests.Hosting;

/// <summary>
/// A tenant in front of the sandbox that forwards every GET to it, except what a test changes: answers it gives
/// itself (a refusal the sandbox would not give) or answers it rewrites on the way back (a garbled page).
/// </summary>
internal sealed class StandInTenant : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _sandbox;

    private StandInTenant(WebApplication app, HttpClient sandbox)
    {
        _app = app;
        _sandbox = sandbox;
    }

    public Uri BaseAddress => new Uri(_app.Urls.First());

    /// <param name="answer">Answers a request itself (true) or lets it through (false).</param>
    /// <param name="rewrite">Changes the sandbox's answer body on its way to the module.</param>
    public static async Task<StandInTenant> StartAsync(Uri sandbox, Func<HttpContext, Task<bool>>? answer = null, Func<HttpContext, string, string>? rewrite = null)
    {
        var client = new HttpClient { BaseAddress = sandbox };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Run(async ctx =>
        {
            if (answer != null && await answer(ctx))
            {
                return;
            }

            using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), ctx.Request.Path + ctx.Request.QueryString);
            request.Headers.TryAddWithoutValidation("Authorization", ctx.Request.Headers.Authorization.ToString());
            using HttpResponseMessage forwarded = await client.SendAsync(request);
            string body = await forwarded.Content.ReadAsStringAsync();
            ctx.Response.StatusCode = (int)forwarded.StatusCode;
            ctx.Response.ContentType = forwarded.Content.Headers.ContentType?.ToString();
            await ctx.Response.WriteAsync(rewrite == null ? body : rewrite(ctx, body));
        });
        await app.StartAsync();
        return new StandInTenant(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _sandbox.Dispose();
    }
}
