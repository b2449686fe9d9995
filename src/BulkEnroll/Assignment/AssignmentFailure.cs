using System.Management.Automation;

namespace BulkEnroll.Assignment;

/// <summary>The stable ids Set-DeviceAssignment reports per device; scripts and tests match on them.</summary>
internal static class AssignmentFailure
{
    public const string DeviceNotIdentified = "DeviceNotIdentified";
    public const string InvalidDeviceId = "InvalidDeviceId";
    public const string UserNotGiven = "UserNotGiven";
    public const string DeviceNotFound = "DeviceNotFound";
    public const string AmbiguousDevice = "AmbiguousDevice";
    public const string ConflictingDeviceKeys = "ConflictingDeviceKeys";
    public const string NotBulkEnrolled = "NotBulkEnrolled";
    public const string DeviceNotActive = "DeviceNotActive";
    public const string UserNotFound = "UserNotFound";
    public const string InvalidUserPrincipalName = "InvalidUserPrincipalName";
    public const string TargetIsGenericUser = "TargetIsGenericUser";
    public const string DuplicateDevice = "DuplicateDevice";
    public const string AssignmentRejected = "AssignmentRejected";
    public const string ReassignmentFailed = "ReassignmentFailed";
    public const string VerificationFailed = "VerificationFailed";
    public const string RequestFailed = "RequestFailed";

    public static ErrorCategory CategoryOf(string errorId)
    {
        switch (errorId)
        {
            case DeviceNotFound:
            case UserNotFound:
                return ErrorCategory.ObjectNotFound;
            case DeviceNotIdentified:
            case InvalidDeviceId:
            case UserNotGiven:
            case AmbiguousDevice:
            case ConflictingDeviceKeys:
            case InvalidUserPrincipalName:
            case TargetIsGenericUser:
            case DuplicateDevice:
                return ErrorCategory.InvalidArgument;
            case NotBulkEnrolled:
            case DeviceNotActive:
                return ErrorCategory.InvalidOperation;
            case RequestFailed:
                return ErrorCategory.ConnectionError;
            default:
                return ErrorCategory.InvalidResult;
        }
    }
}
