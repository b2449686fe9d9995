using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// The sandbox tenant in its own process, started with `serve`, as a real tenant is another machine: its CPU
/// and memory are not counted as the module's, and requests cross a real socket.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _admin;

    private SandboxProcess(Process process, Uri baseAddress, string userName, string password)
    {
        _process = process;
        BaseAddress = baseAddress;
        UserName = userName;
        Password = password;
        _admin = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public string UserName { get; }

    public string Password { get; }

    public static async Task<SandboxProcess> StartAsync(int devices, params string[] extra)
    {
        string sandboxDll = FindSandbox();
        string info = Path.Combine(Path.GetTempPath(), $"bulkenroll-bench-{Guid.NewGuid():n}.json");
        ProcessStartInfo start = CoreSplit.SandboxStartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (string arg in new[] { sandboxDll, "serve", "--port", "0", "--devices", devices.ToString(), "--latency-ms", "0", "--info-file", info, "--https-port", "-1" }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        CoreSplit.Confine(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!File.Exists(info))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new InvalidOperationException("The sandbox did not start.");
            }

            await Task.Delay(50);
        }

        JsonNode node = JsonNode.Parse(await File.ReadAllTextAsync(info))!;
        File.Delete(info);
        JsonNode admin = node["users"]!.AsArray().First(u => u!["userName"]!.GetValue<string>().StartsWith("api-admin", StringComparison.Ordinal))!;
        return new SandboxProcess(process, new Uri(node["baseAddress"]!.GetValue<string>()), admin["userName"]!.GetValue<string>(), admin["password"]!.GetValue<string>());
    }

    public async Task SetControlsAsync(object controls)
        => (await _admin.PutAsJsonAsync("_sandbox/controls", controls)).EnsureSuccessStatusCode();

    public async Task ClearRequestsAsync() => (await _admin.DeleteAsync("_sandbox/requests")).EnsureSuccessStatusCode();

    public async Task<List<JsonElement>> RequestsAsync()
        => (await _admin.GetFromJsonAsync<List<JsonElement>>("_sandbox/requests"))!;

    /// <summary>The tenant's default device space, read through the API as a client sees it (what Connect-BulkEnroll picks).</summary>
    public async Task<long> DefaultSpaceIdAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tenant/partition/device");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserName}:{Password}")));
        using HttpResponseMessage response = await _admin.SendAsync(request);
        response.EnsureSuccessStatusCode();
        JsonElement spaces = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("searchResults");
        return spaces.EnumerateArray().First(s => s.GetProperty("defaultPartition").GetBoolean()).GetProperty("id").GetInt64();
    }

    public async Task<JsonElement> StateAsync(bool devices = true)
        => await _admin.GetFromJsonAsync<JsonElement>("_sandbox/state" + (devices ? string.Empty : "?devices=false"));

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string FindSandbox()
    {
        // The benchmark's output folder sits next to the sandbox's under the same configuration.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "BulkEnroll.Sandbox", "bin", configuration, "net10.0", "BulkEnroll.Sandbox.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("BulkEnroll.Sandbox.dll was not found; build the solution first.");
    }
}
