namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// The whole workflow of DESIGN.md, step by step, as an admin would run it at a prompt. Variables prepared
/// by the runner: $ModuleManifest, $TenantUri, $ApiCredential, $Work (a scratch folder), $RealUsers.
/// </summary>
internal static class WalkthroughScript
{
    public static IReadOnlyList<WalkthroughStep> Steps { get; } =
    [
        new("Import the module and connect to the tenant (here: the sandbox)",
            """
            Import-Module $ModuleManifest
            Connect-BulkEnroll -TenantUri $TenantUri -Credential $ApiCredential
            Get-BulkEnrollConnection
            """),
        new("The tenant's device spaces",
            "Get-BulkEnrollDeviceSpace"),
        new("Step 1 of the job: create generic windows-bulkenroll users (a password is generated for each)",
            """
            $users = New-BulkEnrollUser -Name site-paris, site-lyon -Domain contoso.com
            $users
            """),
        new("Run it again: existing users are reported, never duplicated",
            "New-BulkEnrollUser -Name site-paris -Domain contoso.com -ErrorAction Continue"),
        new("The generic users and how many devices each enrolled",
            "Get-BulkEnrollUser"),
        new("Bulk-enrolled devices still on a generic user (serial numbers from hardware inventory)",
            """
            $waiting = @(Get-BulkEnrolledDevice -Unassigned -EnrolledBy 'windows-bulkenroll-user1@*' -IncludeSerialNumber)
            "$($waiting.Count) device(s) enrolled by windows-bulkenroll-user1 wait for their user; the first five:"
            $waiting[0..4]
            """),
        new("Step 4 of the job: the assignment list, as a CSV file (SerialNumber,UserPrincipalName)",
            """
            $rows = for ($i = 0; $i -lt 5; $i++) { '{0},{1}' -f $waiting[$i].SerialNumber, $RealUsers[$i] }
            [IO.File]::WriteAllLines("$Work/assign.csv", [string[]](@('SerialNumber,UserPrincipalName') + $rows))
            [IO.File]::ReadAllText("$Work/assign.csv")
            """),
        new("Dry run: -WhatIf sends nothing",
            """Import-Csv "$Work/assign.csv" | Set-DeviceAssignment -WhatIf"""),
        new("Assign: batches of up to 10 devices, then each device is read back",
            """Import-Csv "$Work/assign.csv" | Set-DeviceAssignment"""),
        new("Run it again: already assigned devices are reported, nothing is sent",
            """Import-Csv "$Work/assign.csv" | Set-DeviceAssignment"""),
        new("The devices now belong to their users",
            """$waiting[0..4] | ForEach-Object { $_.Id } | Get-BulkEnrolledDevice"""),
        new("Done: disconnect",
            "Disconnect-BulkEnroll"),
    ];
}
