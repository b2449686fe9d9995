using System;
using System.Management.Automation;

namespace BulkEnroll;

/// <summary>
/// Every failure the module reports on purpose. It carries what PowerShell needs for an ErrorRecord a script
/// can rely on: a stable error id (the FullyQualifiedErrorId prefix), a category and the object concerned.
/// Messages never contain secrets.
/// </summary>
public class BulkEnrollException : Exception
{
    public BulkEnrollException(string errorId, ErrorCategory category, string message, object? targetObject = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
        TargetObject = targetObject;
    }

    /// <summary>Stable identifier, e.g. "NotBulkEnrolled"; scripts and tests match on it.</summary>
    public string ErrorId { get; }

    public ErrorCategory Category { get; }

    public object? TargetObject { get; }

    /// <summary>A hint for the user on what to do next, shown as the ErrorRecord's recommended action.</summary>
    public string? RecommendedAction { get; set; }

    public ErrorRecord ToErrorRecord(object? targetObject = null)
    {
        var record = new ErrorRecord(this, ErrorId, Category, targetObject ?? TargetObject);
        if (RecommendedAction != null)
        {
            record.ErrorDetails = new ErrorDetails(Message) { RecommendedAction = RecommendedAction };
        }

        return record;
    }
}
