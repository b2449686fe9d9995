using System.Diagnostics;
using System.Management.Automation;
using System.Security;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Benchmarks;

/// <summary>1,000 packages through New-BulkEnrollPackage (native builder, every setting on), and their size.</summary>
internal static class PackageBenchmark
{
    public static void Run(Report report, int count)
    {
        string folder = Directory.CreateTempSubdirectory("bulkenroll-bench-packages-").FullName;
        try
        {
            using var shell = new HostedPowerShell();
            SecureString secret = SecretText.Protect("Bench-Generic-Pass-1");
            var localAdmin = new PSCredential("localadmin", SecretText.Protect("Bench-Local-Admin-1"));
            SecureString wifiKey = SecretText.Protect("Bench-Wifi-Key-1");
            object[] users = Enumerable.Range(1, count)
                .Select(i => (object)new PSObject(new { UserPrincipalName = $"windows-bulkenroll-bench-{i}@contoso.com", Credential = new PSCredential($"windows-bulkenroll-bench-{i}@contoso.com", secret) }))
                .ToArray();
            const string script = "$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -DeviceNameTemplate 'BEN-%SERIAL%' -LocalAdminCredential $args[2] -WifiSsid Corp -WifiKey $args[3] -SaveProject | Out-Null";
            shell.Invoke(script, users.Take(5).ToArray(), Path.Combine(folder, "warmup"), localAdmin, wifiKey); // JIT

            var clock = Stopwatch.StartNew();
            shell.Invoke(script, users, folder, localAdmin, wifiKey);
            clock.Stop();
            var packages = Directory.GetFiles(folder, "*.ppkg");
            if (packages.Length != count)
            {
                throw new InvalidOperationException($"{packages.Length} packages written, expected {count}.");
            }

            double meanSize = packages.Average(p => new FileInfo(p).Length);
            string label = $"Build {count:N0} packages (New-BulkEnrollPackage, native builder, Wi-Fi + local admin + project file)";
            report.Add(label, "total time", $"{Report.F(clock.Elapsed.TotalSeconds, "0.00")} s", $"{Report.F(clock.Elapsed.TotalMilliseconds / count, "0.00")} ms per package; target 10 s");
            report.Add(label, "package size", $"{Report.F(meanSize, "N0")} bytes", "plus the customizations.xml project beside it");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
