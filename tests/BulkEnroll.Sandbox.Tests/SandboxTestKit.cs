using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests;

/// <summary>A response of the sandbox: status, headers and the parsed JSON body.</summary>
internal sealed record ApiResult(HttpStatusCode Status, JsonElement Json, HttpResponseHeaders Headers, string Text)
{
    public JsonElement Result => Json.GetProperty("result");
    public JsonElement Errors => Json.GetProperty("errors");

    public IReadOnlyList<JsonElement> SearchResults => Result.GetProperty("searchResults").EnumerateArray().ToList();

    public int TotalCount => Result.GetProperty("totalCount").GetInt32();

    public ApiResult ShouldBeOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {Text}");
        Assert.Equal(JsonValueKind.Null, Errors.ValueKind);
        return this;
    }

    /// <summary>Asserts the documented error envelope with one global error.</summary>
    public void ShouldBeGlobalError(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Text}");
        Assert.Equal(JsonValueKind.Null, Result.ValueKind);
        var global = Errors.GetProperty("globalErrors");
        Assert.Equal(code, global[0].GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(global[0].GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, Errors.GetProperty("fieldErrors").ValueKind);
    }

    /// <summary>Asserts a 400 whose field errors include <paramref name="field"/> with <paramref name="code"/>.</summary>
    public JsonElement ShouldHaveFieldError(string field, string code)
    {
        Assert.True(Status == HttpStatusCode.BadRequest, $"expected 400, got {(int)Status}: {Text}");
        Assert.Equal(JsonValueKind.Null, Result.ValueKind);
        Assert.Equal(JsonValueKind.Null, Errors.GetProperty("globalErrors").ValueKind);
        var match = Errors.GetProperty("fieldErrors").EnumerateArray()
            .FirstOrDefault(e => e.GetProperty("field").GetString() == field);
        Assert.True(match.ValueKind == JsonValueKind.Object, $"no field error for {field}: {Text}");
        Assert.Equal(code, match.GetProperty("code").GetString());
        return match;
    }
}

internal static class SandboxTestKit
{
    public static Task<ApiResult> GetApiAsync(this HttpClient client, string uri) => client.SendApiAsync(HttpMethod.Get, uri);

    public static Task<ApiResult> PutFormAsync(this HttpClient client, string uri, params (string Key, string Value)[] form) =>
        client.SendApiAsync(HttpMethod.Put, uri, form);

    public static Task<ApiResult> PostFormAsync(this HttpClient client, string uri, params (string Key, string Value)[] form) =>
        client.SendApiAsync(HttpMethod.Post, uri, form);

    public static Task<ApiResult> DeleteApiAsync(this HttpClient client, string uri) => client.SendApiAsync(HttpMethod.Delete, uri);

    public static async Task<ApiResult> SendApiAsync(this HttpClient client, HttpMethod method, string uri, (string Key, string Value)[]? form = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        }

        using var response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResult(response.StatusCode, json, response.Headers, text);
    }

    public static async Task<SandboxServer> StartAsync(int devices = 200, int seed = 1, Func<SandboxControlSettings, SandboxControlSettings>? controls = null)
    {
        var settings = new SandboxControlSettings { ReassignmentDelay = TimeSpan.FromMilliseconds(100) };
        return await SandboxServer.StartAsync(new SandboxOptions
        {
            DeviceCount = devices,
            Seed = seed,
            Controls = controls is null ? settings : controls(settings),
        });
    }

    public static string DevicesUri(SandboxServer sandbox, string query = "") =>
        $"api/v1/device?dmPartitionId={sandbox.Tenant.DefaultSpace.Id}{(query.Length > 0 ? "&" + query : "")}";

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.ElapsedMilliseconds > timeoutMs)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(10);
        }
    }
}

/// <summary>One sandbox shared by the tests of a class that only read.</summary>
public sealed class ReadOnlySandbox : IAsyncLifetime
{
    public SandboxServer Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await SandboxTestKit.StartAsync(devices: 400, seed: 7);

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
