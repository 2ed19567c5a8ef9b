namespace Benchmarks;

/// <summary>Settings every suite shares.</summary>
/// <param name="MeasurementTime">How long each measurement runs (after a short warm-up).</param>
/// <param name="RepositoryRoot">The folder holding Fabric.HealthRecords.sln.</param>
/// <param name="Progress">Where suites report what they are doing (stderr by default).</param>
public sealed record BenchmarkContext(TimeSpan MeasurementTime, string RepositoryRoot, TextWriter Progress)
{
    /// <summary>The warm-up before each measurement.</summary>
    public TimeSpan WarmupTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Where suites record the targets they measure (written as the "Targets" section).</summary>
    public BenchmarkTargets Targets { get; } = new();
}
