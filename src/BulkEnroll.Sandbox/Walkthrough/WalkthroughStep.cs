using System.Management.Automation.Runspaces;

namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// One step of the walkthrough: the PowerShell an admin would type, or, for what happens away from the admin's
/// console (PCs applying the package at OOBE), something the sandbox does itself and reports.
/// </summary>
/// <param name="ExpectedErrorId">The error the step is there to show (its FullyQualifiedErrorId up to the first
/// comma); any other error fails the walkthrough.</param>
internal sealed record WalkthroughStep(
    string Title, string? Script, Func<WalkthroughContext, Task<bool>>? Offstage = null, string? ExpectedErrorId = null);

/// <summary>What an off-stage step can reach: the tenant, the admin's session (to read a variable) and the console.</summary>
internal sealed record WalkthroughContext(SandboxServer Sandbox, Runspace Runspace, TextWriter Output);
