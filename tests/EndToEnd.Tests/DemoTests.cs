using HealthRecords.Cli;
using EndToEnd.Tests.Infrastructure;
using HealthRecords.Cli.Demo;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// <c>make demo</c>'s command, run in-process through the hrec entry point: without a profile it starts its
/// own dev network and chaincode server, runs the scenario and cleans up. With <c>HREC_PROFILE</c> set it runs
/// against that network, as every hrec command does (see <see cref="DemoRepeatTests"/>).
/// </summary>
[Collection(NetworkCollection.Name)] // with HREC_PROFILE the demo writes to the suite's network: never beside another test
public sealed class DemoTests
{
    [DevNetworkOnlyFact]
    public async Task Demo_FreshDevNetwork_ExitsZeroAndPrintsEveryStep()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var data = new TemporaryDirectory();
        var demoData = Path.Combine(data.Path, "demo");

        var exitCode = await HrecCommandLine.RunAsync(["demo", "--data", demoData], output, error).WaitAsync(TimeSpan.FromMinutes(3));

        var text = output.ToString();
        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}\n{text}\n{error}");
        Assert.Contains(DemoSteps.StartNetwork, text, StringComparison.Ordinal);
        foreach (var step in DemoSteps.Scenario)
        {
            Assert.Contains(step, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("UNEXPECTED", text, StringComparison.Ordinal);
        Assert.Contains("refused (not-visible) as expected", text, StringComparison.Ordinal);
        Assert.Contains("refused (consent-revoked) as expected", text, StringComparison.Ordinal);
        Assert.Contains("BREAK-GLASS", text, StringComparison.Ordinal);
        Assert.Contains("vital-signs: suppressed", text, StringComparison.Ordinal);
        Assert.Contains("Cleanup: network stopped;", text, StringComparison.Ordinal);
        Assert.Contains("Demo completed successfully.", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(demoData), "the demo removes its data folder");
    }

    [DevNetworkOnlyFact]
    public async Task Demo_OwnNetworkKept_LogsTheNetworkToNetworkLog()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var data = new TemporaryDirectory();
        var demoData = Path.Combine(data.Path, "demo");

        var exitCode = await HrecCommandLine.RunAsync(["demo", "--data", demoData, "--keep"], output, error).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}\n{output}\n{error}");
        var log = Path.Combine(demoData, "network.log");
        Assert.Contains($"network log: {log}", output.ToString(), StringComparison.Ordinal);
        // Like 'hrec network up': the network's own components write there, its peers and the orderer's block log among them.
        var lines = await File.ReadAllLinesAsync(log);
        Assert.Contains(lines, l => l.Contains(" PeerNode[", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" OrdererBlockLog[", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_Json_ReportsEveryStepAsExpected()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await HrecCommandLine.RunAsync(["demo", "--json"], output, error).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}\n{output}\n{error}");
        using var document = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.True(document.RootElement.GetProperty("ok").GetBoolean());
        var steps = document.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(DemoSteps.Scenario.Count + 1, steps.Count);
        Assert.All(steps, s => Assert.True(s.GetProperty("asExpected").GetBoolean(), s.GetRawText()));
        Assert.Equal(4, steps.Count(s => s.GetProperty("expected").GetString() == "refused"));
        Assert.Equal(DemoSteps.Restore, steps[^1].GetProperty("title").GetString());
    }
}
