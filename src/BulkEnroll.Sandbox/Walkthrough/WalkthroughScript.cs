using System.Management.Automation;
using BulkEnroll.Sandbox.VirtualDevices;

namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// The whole workflow of DESIGN.md, step by step, as an admin would run it at a prompt. Variables prepared
/// by the runner: $ModuleManifest, $TenantUri, $ApiCredential, $Work (a scratch folder), $RealUsers,
/// $LocalAdmin, $WifiKey and $DiscoveryUrl (the sandbox's enrollment service, https).
/// </summary>
internal static class WalkthroughScript
{
    private static readonly string[] Serials = ["5CG4120XKQ", "5CG4120XKR", "5CG4120XKS", "PF4XK2Q9", "MJ0AB3C7"];

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
        new("Step 1: create generic windows-bulkenroll users (a password is generated for each)",
            """
            $users = New-BulkEnrollUser -Name site-paris, site-lyon -Domain contoso.com
            $users
            """),
        new("Run it again: existing users are reported, never duplicated",
            "New-BulkEnrollUser -Name site-paris -Domain contoso.com -ErrorAction Continue", ExpectedErrorId: "UserAlreadyExists"),
        new("Step 2: the provisioning package for site-paris (enrolls at OOBE: name, Wi-Fi, local admin, MDM)",
            """
            $package = $users[0] | New-BulkEnrollPackage -DeviceNameTemplate 'PAR-%SERIAL%' -LocalAdminCredential $LocalAdmin `
                -WifiSsid 'Contoso-Setup' -WifiKey $WifiKey -DiscoveryServiceUrl $DiscoveryUrl -OutputPath $Work -SaveProject
            $package
            """),
        new("Check it before flashing a hundred PCs: structure, name, UPN in the tenant, and an MS-MDE2 discovery",
            "Test-BulkEnrollPackage $package.Path -Online -SkipCertificateCheck"),
        new("What is inside (secrets masked)",
            "Get-BulkEnrollPackage $package.Path"),
        new("Step 3: five PCs apply the package at OOBE (the sandbox plays them: each reads the .ppkg, discovers, enrolls)",
            null, EnrollVirtualDevicesAsync),
        new("The new PCs, enrolled by the generic user (serial numbers from hardware inventory)",
            """
            $new = @(Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-site-paris@contoso.com -IncludeSerialNumber)
            $new
            """),
        new("The generic users and how many devices each enrolled",
            "Get-BulkEnrollUser"),
        new("Step 4: the assignment list, as a CSV file (SerialNumber,UserPrincipalName)",
            """
            $rows = for ($i = 0; $i -lt $new.Count; $i++) { '{0},{1}' -f $new[$i].SerialNumber, $RealUsers[$i] }
            [IO.File]::WriteAllLines("$Work/assign.csv", [string[]](@('SerialNumber,UserPrincipalName') + $rows))
            [IO.File]::ReadAllText("$Work/assign.csv")
            """),
        new("Dry run: -WhatIf sends nothing",
            """Import-Csv "$Work/assign.csv" | Set-DeviceAssignment -WhatIf"""),
        new("Assign: batches of up to 10 devices, then each device is read back",
            """Import-Csv "$Work/assign.csv" | Set-DeviceAssignment"""),
        new("Run it again: already assigned devices are reported, nothing is sent",
            """Import-Csv "$Work/assign.csv" | Set-DeviceAssignment"""),
        new("The PCs now belong to their users",
            "Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-site-paris@contoso.com"),
        new("The seeded fleet: devices still on a generic user, across all generic users",
            """
            $waiting = @(Get-BulkEnrolledDevice -Unassigned)
            "$($waiting.Count) bulk-enrolled device(s) in the space wait for their user; the first five:"
            $waiting[0..4]
            """),
        new("Done: disconnect",
            "Disconnect-BulkEnroll"),
    ];

    private static async Task<bool> EnrollVirtualDevicesAsync(WalkthroughContext context)
    {
        object? variable = context.Runspace.SessionStateProxy.GetVariable("package");
        if ((variable is PSObject wrapped ? wrapped.BaseObject : variable) is not BulkEnrollPackage package)
        {
            context.Output.WriteLine("ERROR: there is no $package from the previous step.");
            return false;
        }

        bool allEnrolled = true;
        foreach (string serial in Serials)
        {
            var device = new VirtualDevice(new VirtualDeviceOptions
            {
                SerialNumber = serial,
                Manufacturer = "HP",
                Model = "EliteBook 840 G10",
                TrustedServerCertificate = context.Sandbox.TlsCertificate,
            });
            VirtualEnrollmentResult result = await device.EnrollAsync(package.Path);
            context.Output.WriteLine(result.Succeeded
                ? $"  PC {serial} enrolled as {result.DeviceName} under {result.UserPrincipalName} (MDM certificate {result.CertificateThumbprint})"
                : $"  PC {serial} FAILED at {result.FailedStage}: {result.Message}");
            allEnrolled &= result.Succeeded;
        }

        return allEnrolled;
    }
}
