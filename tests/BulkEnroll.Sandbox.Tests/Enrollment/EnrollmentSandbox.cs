using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>One small sandbox shared by the tests of a class. Tests that change it use their own serials and
/// device names, so they can share it.</summary>
public sealed class EnrollmentSandbox : IAsyncLifetime
{
    public const string GenericUser = "windows-bulkenroll-user1@contoso.com";
    public const string OtherGenericUser = "windows-bulkenroll-user2@contoso.com";
    public const string UnknownUser = "windows-bulkenroll-ghost@contoso.com";

    public SandboxServer Sandbox { get; private set; } = null!;

    public string Password => Sandbox.Options.GenericUserPassword;

    /// <summary>A folder for package files, deleted with the fixture.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "bulkenroll-enroll-" + Guid.NewGuid().ToString("N"));

    public Uri Discovery => new(Sandbox.BaseAddress, "EnrollmentServer/Discovery.svc");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 20, GenericUserCount = 2, Seed = 11 });
    }

    public async Task DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
