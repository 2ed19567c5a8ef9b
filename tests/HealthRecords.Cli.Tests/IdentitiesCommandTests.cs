using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class IdentitiesCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Identities_DevNetworkProfile_ListsRolesAndPatients()
    {
        var result = await network.RunAsync("--json", "identities");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var identities = result.Json().GetProperty("identities").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal("patient", identities["alice"].GetProperty("role").GetString());
        Assert.Equal("pt-alice", identities["alice"].GetProperty("patient").GetString());
        Assert.Equal("device", identities["alice-watch"].GetProperty("role").GetString());
        Assert.Equal("Org2MSP", identities["clinic-doctor"].GetProperty("mspId").GetString());
    }

    [Fact]
    public async Task Root_UnknownCommand_ExitsUsage()
    {
        var result = await Hrec.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }
}
