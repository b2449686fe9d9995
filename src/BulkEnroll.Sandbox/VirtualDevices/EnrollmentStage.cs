namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Where a virtual device's enrollment stopped, in the order Windows goes through them at OOBE.</summary>
public enum EnrollmentStage
{
    /// <summary>Reading and applying the .ppkg: container, payload XML, settings (incl. a missing Workplace enrollment).</summary>
    Package,

    /// <summary>Expanding and checking the computer name (%SERIAL%, %RAND:n%, 15 characters).</summary>
    DeviceName,

    /// <summary>No network, or no DiscoverResponse from the DiscoveryServiceFullUrl (GET + POST Discover).</summary>
    Discovery,

    /// <summary>The MS-XCEP GetPolicies request (the first that carries the UPN and Secret).</summary>
    Policy,

    /// <summary>The MS-WSTEP RequestSecurityToken and the provisioning document it returns.</summary>
    Enrollment,
}
