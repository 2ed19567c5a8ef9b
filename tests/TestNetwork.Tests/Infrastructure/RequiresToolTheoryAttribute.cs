namespace TestNetwork.Tests.Infrastructure;

/// <summary>The theory form of <see cref="RequiresToolFactAttribute"/>: skipped, with the reason, when the tool is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless every one of <paramref name="executables"/> is on PATH.</summary>
    public RequiresToolTheoryAttribute(params string[] executables)
    {
        ArgumentNullException.ThrowIfNull(executables);
        Executables = executables;
        var missing = executables.Where(e => !ProcessRunner.IsOnPath(e)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on PATH";
        }
    }

    /// <summary>The executables the test runs.</summary>
    public IReadOnlyList<string> Executables { get; }
}
