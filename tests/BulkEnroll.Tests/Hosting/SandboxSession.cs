using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Tests.Hosting;

/// <summary>
/// A sandbox tenant on 127.0.0.1 and a PowerShell session with the module imported: what an admin has at a
/// prompt, pointed at the stand-in tenant. Subclass per test class (one sandbox per class keeps tests fast);
/// tests that change the tenant use their own data or <see cref="Sandbox"/>.ResetAsync.
/// </summary>
public abstract class SandboxSession : IAsyncLifetime
{
    private PowerShellSession? _shell;
    private SandboxServer? _sandbox;

    protected virtual SandboxOptions Options => new() { DeviceCount = 200, Seed = 7 };

    /// <summary>Connect as the admin API user once the sandbox is up, then clear the request log: most test classes start there.</summary>
    protected virtual bool ConnectsOnStart => false;

    public SandboxServer Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public PowerShellSession Shell => _shell ?? throw new InvalidOperationException("Not started.");

    public virtual async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(Options);
        _shell = new PowerShellSession();
        if (ConnectsOnStart)
        {
            Connect().ThrowIfErrors();
            _sandbox.RequestLog.Clear();
        }
    }

    public virtual async Task DisposeAsync()
    {
        _shell?.Dispose();
        if (_sandbox != null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    public static PSCredential Credential(string userName, string password) => new(userName, SecretText.Protect(password));

    public static SecureString Secure(string text) => SecretText.Protect(text);

    public PSCredential AdminCredential => Credential(Sandbox.Admin.UserName, Sandbox.Admin.Password);

    /// <summary>
    /// For test classes that count requests: how long partly filled batches wait for more rows on connections made by
    /// <see cref="Connect"/>. Long enough that a loaded machine, delivering piped rows slowly, still fills the same
    /// batches; null keeps the module's default.
    /// </summary>
    protected virtual TimeSpan? BatchLinger => null;

    /// <summary>
    /// What Get-BulkEnrolledDevice lists by default: the bulk-enrolled Windows devices of the default space that are
    /// ACTIVE (in any state with <paramref name="anyState"/>), by id.
    /// </summary>
    public List<SandboxDevice> ListedByDefault(bool anyState = false)
        => Sandbox.Tenant.Snapshot().Devices
            .Where(d => d.IsBulkEnrolled && d.IsWindows && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id
                && (anyState || d.RegistrationState == RegistrationState.Active))
            .OrderBy(d => d.Id)
            .ToList();

    /// <summary>Connect-BulkEnroll as the sandbox's admin API user, with short retry delays for tests.</summary>
    public ScriptResult Connect(PowerShellSession? shell = null, SandboxCredentials? user = null, string extra = "")
    {
        user ??= Sandbox.Admin;
        shell ??= Shell;
        ScriptResult result = shell.Run(
            "Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -MaxRetryDuration ([TimeSpan]::FromSeconds(60)) " + extra,
            Sandbox.BaseAddress, Credential(user.UserName, user.Password));
        if (BatchLinger is TimeSpan linger && result.Errors.Count == 0)
        {
            shell.Run("Get-BulkEnrollConnection").ThrowIfErrors().Single<BulkEnrollConnection>().BatchLinger = linger;
        }

        return result;
    }
}
