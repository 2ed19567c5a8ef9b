namespace HealthRecords.Cli.Demo;

/// <summary>The outcome of one demo step.</summary>
/// <param name="Number">1-based step number.</param>
/// <param name="Title">What the step does (<see cref="DemoSteps"/>).</param>
/// <param name="Expected"><c>allowed</c> or <c>refused</c>.</param>
/// <param name="Outcome">What happened: <c>allowed</c>, <c>refused (reason)</c> or <c>failed: ...</c>.</param>
/// <param name="AsExpected">Whether the outcome is the expected one.</param>
internal sealed record DemoStepResult(int Number, string Title, string Expected, string Outcome, bool AsExpected);
