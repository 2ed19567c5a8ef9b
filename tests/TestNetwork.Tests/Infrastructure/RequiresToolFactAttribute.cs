namespace TestNetwork.Tests.Infrastructure;

/// <summary>
/// A fact that needs external tools (shellcheck, make, bash, jq). When one of them is not on PATH
/// the test is skipped with that reason, never passed; under CI it fails naming the tool (see <see cref="RequiredTools"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Skips (outside CI) unless every one of <paramref name="executables"/> is on PATH.</summary>
    public RequiresToolFactAttribute(params string[] executables)
    {
        ArgumentNullException.ThrowIfNull(executables);
        Executables = executables;
        Skip = RequiredTools.SkipReason(executables);
    }

    /// <summary>The executables the test runs.</summary>
    public IReadOnlyList<string> Executables { get; }
}
