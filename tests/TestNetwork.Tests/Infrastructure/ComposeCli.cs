namespace TestNetwork.Tests.Infrastructure;

/// <summary>Finds a Compose CLI that can validate files without a Docker daemon.</summary>
internal static class ComposeCli
{
    private static readonly string[] s_pluginDirectories =
    [
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "cli-plugins"),
        "/usr/local/lib/docker/cli-plugins",
        "/usr/local/libexec/docker/cli-plugins",
        "/usr/lib/docker/cli-plugins",
        "/usr/libexec/docker/cli-plugins",
    ];

    /// <summary>The command and leading arguments (<c>docker compose</c> or <c>docker-compose</c>), or null.</summary>
    public static (string FileName, string[] Prefix)? Find()
    {
        if (ProcessRunner.IsOnPath("docker") && s_pluginDirectories.Any(d => File.Exists(Path.Combine(d, "docker-compose"))))
        {
            return ("docker", ["compose"]);
        }

        return ProcessRunner.IsOnPath("docker-compose") ? ("docker-compose", []) : null;
    }

    /// <summary>Like <see cref="Find"/>, but a missing Compose CLI fails with a message that names it.</summary>
    /// <exception cref="InvalidOperationException">Neither <c>docker compose</c> nor <c>docker-compose</c> is installed.</exception>
    public static (string FileName, string[] Prefix) Require() =>
        Find() ?? throw new InvalidOperationException(
            "Docker Compose is not installed (neither the 'docker compose' plugin nor 'docker-compose' on PATH): .ci/run installs docker-compose with apt-get.");
}
