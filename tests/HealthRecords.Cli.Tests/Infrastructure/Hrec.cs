using TestSupport;

namespace HealthRecords.Cli.Tests.Infrastructure;

/// <summary>Runs <c>hrec</c> in-process through its entry point with captured output.</summary>
public static class Hrec
{
    /// <summary>Runs the command line and waits for its exit code (with a timeout).</summary>
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None).ConfigureAwait(false);

    /// <summary>Runs the command line until it exits or <paramref name="cancellationToken"/> stops it.</summary>
    public static async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HrecCommandLine.RunAsync(args, output, error, cancellationToken).WaitAsync(timeout ?? TestTimeouts.Long).ConfigureAwait(false);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
