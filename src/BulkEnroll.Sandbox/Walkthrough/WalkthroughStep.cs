namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>One step of the walkthrough: what it shows, and the PowerShell an admin would type for it.</summary>
internal sealed record WalkthroughStep(string Title, string Script);
