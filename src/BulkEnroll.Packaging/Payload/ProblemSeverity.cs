namespace BulkEnroll.Packaging.Payload;

internal enum ProblemSeverity
{
    /// <summary>The package would still work, but probably not as the user expects.</summary>
    Warning,

    /// <summary>The package must not be built: Windows would reject it or leave the PC in a bad state.</summary>
    Error,
}
