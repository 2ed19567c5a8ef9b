using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ResearchCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Count_Researcher_ReturnsCountsWithoutPatientIds()
    {
        var result = await network.RunAsync("--json", "research", "count", "-i", "researcher", "-c", "laboratory", "-c", "vital-signs");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        var categories = json.GetProperty("counts").EnumerateArray().Select(c => c.GetProperty("category").GetString()).ToList();
        Assert.Equal(["laboratory", "vital-signs"], categories);
        Assert.DoesNotContain("pt-", result.Output, StringComparison.Ordinal);
        Assert.True(json.GetProperty("threshold").GetInt32() > 1);
    }

    [Fact]
    public async Task Count_Provider_ExitsDenied()
    {
        var result = await network.RunAsync("--json", "research", "count", "-i", "clinic-doctor");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
    }
}
