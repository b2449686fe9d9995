using System.Management.Automation;
using BulkEnroll.Neurons;

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
    public const string PermissionDenied = "PermissionDenied";

    /// <summary>
    /// A call about one device failed: a 403 is a missing role in the connected device space (said with its
    /// name), anything else a failed request. Failures that end the whole run never get here (AssignmentAbort).
    /// </summary>
    public static (string ErrorId, string Message) Of(NeuronsApiException failure, string deviceSpace)
        => failure.StatusCode == System.Net.HttpStatusCode.Forbidden
            ? (PermissionDenied, failure.InDeviceSpace(deviceSpace).Message)
            : (RequestFailed, failure.Message);

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
            case PermissionDenied:
                return ErrorCategory.PermissionDenied;
            default:
                return ErrorCategory.InvalidResult;
        }
    }
}
