namespace TestNetwork.Tests.Infrastructure;

/// <summary>The theory form of <see cref="RequiresToolFactAttribute"/>: skipped, with the reason, when the tool is missing (failed under CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips (outside CI) unless every one of <paramref name="executables"/> is on PATH.</summary>
    public RequiresToolTheoryAttribute(params string[] executables)
    {
        ArgumentNullException.ThrowIfNull(executables);
        Executables = executables;
        Skip = RequiredTools.SkipReason(executables);
    }

    /// <summary>The executables the test runs.</summary>
    public IReadOnlyList<string> Executables { get; }
}
