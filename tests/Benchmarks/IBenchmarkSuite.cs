namespace Benchmarks;

/// <summary>One group of measurements; its result is a markdown section of docs/benchmarks.md.</summary>
public interface IBenchmarkSuite
{
    /// <summary>The name used with <c>--suite</c>, for example <c>gateway-client</c>.</summary>
    string Name { get; }

    /// <summary>Runs the measurements and returns a markdown section (starting with a <c>##</c> heading).</summary>
    /// <param name="context">Shared settings: measurement time, repository paths, progress output.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The markdown section.</returns>
    Task<string> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
