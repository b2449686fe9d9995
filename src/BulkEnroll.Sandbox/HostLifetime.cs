namespace BulkEnroll.Sandbox;

/// <summary>The sandbox's owner (a test, the CLI) decides when it stops. The default console lifetime would
/// also stop the web host on SIGTERM/Ctrl+C behind the owner's back, and hook signals of a test process.</summary>
internal sealed class OwnerControlledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
