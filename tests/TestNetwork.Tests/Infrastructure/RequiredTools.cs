namespace TestNetwork.Tests.Infrastructure;

/// <summary>
/// What a test does when an external tool it runs is missing. On a developer machine it is skipped with
/// the tool's name; under CI (<c>CI=true</c>, where .ci/run installs every tool) it runs and fails
/// with the tool's name, so a broken CI image cannot pass by skipping.
/// </summary>
internal static class RequiredTools
{
    private const string Hint = ".ci/run installs shellcheck and docker-compose with apt-get; bash, make, jq, tar and sha256sum come with the build image";

    /// <summary>Whether a missing tool must fail the test rather than skip it.</summary>
    public static bool MustFail =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason for the executables not on PATH, or null when none is missing or under CI.</summary>
    public static string? SkipReason(IEnumerable<string> executables)
    {
        var missing = executables.Where(e => !ProcessRunner.IsOnPath(e)).ToList();
        return missing.Count == 0 || MustFail ? null : $"needs {string.Join(", ", missing)} on PATH ({Hint})";
    }

    /// <summary>Throws, naming <paramref name="executable"/>, when it is not on PATH.</summary>
    /// <exception cref="InvalidOperationException">The executable is missing.</exception>
    public static void Require(string executable)
    {
        if (!ProcessRunner.IsOnPath(executable))
        {
            throw new InvalidOperationException($"'{executable}' is not on PATH: this test runs it ({Hint}).");
        }
    }
}
