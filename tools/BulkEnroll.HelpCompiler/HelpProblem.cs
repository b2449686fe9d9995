namespace BulkEnroll.HelpCompiler;

/// <summary>Something that keeps the help from being compiled: where it is and what to do about it.</summary>
public sealed record HelpProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
