namespace TestNetwork.Tests.Infrastructure;

/// <summary>
/// A fact that needs external tools (shellcheck, make, bash, jq). When one of them is not on PATH
/// the test is reported as skipped with that reason, never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Skips unless every one of <paramref name="executables"/> is on PATH.</summary>
    public RequiresToolFactAttribute(params string[] executables)
    {
        ArgumentNullException.ThrowIfNull(executables);
        Executables = executables;
        var missing = executables.Where(e => !ProcessRunner.IsOnPath(e)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on PATH (.ci/run installs shellcheck; make, bash and jq come with the build image)";
        }
    }

    /// <summary>The executables the test runs.</summary>
    public IReadOnlyList<string> Executables { get; }
}
