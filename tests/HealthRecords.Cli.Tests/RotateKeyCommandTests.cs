using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

/// <summary>Key rotation deactivates the acting identity, so it runs on a network of its own.</summary>
public sealed class RotateKeyCommandTests(CliNetworkFixture network) : IClassFixture<CliNetworkFixture>
{
    [Fact]
    public async Task RotateKey_ToAnotherIdentity_BindsItAndRefusesTheOldKey()
    {
        var result = await network.RunAsync("--json", "patient", "rotate-key", "-i", "bob", "--new-identity", "User1@org2.example.com");
        var oldKey = await network.RunAsync("--json", "patient", "show", "-i", "bob");
        var audited = await network.RunAsync("--json", "patient", "show", "-i", "auditor", "--patient", "pt-bob");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Contains("CN=User1@org2.example.com", json.GetProperty("added").GetProperty("identityId").GetString(), StringComparison.Ordinal);
        Assert.Contains("CN=bob@org2.example.com", json.GetProperty("deactivated").GetProperty("identityId").GetString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Denied, oldKey.ExitCode);
        Assert.Equal(ExitCodes.Success, audited.ExitCode);
        var statuses = audited.Json().GetProperty("identities").EnumerateArray().Select(b => b.GetProperty("status").GetString()).Order().ToList();
        Assert.Equal(["active", "deactivated"], statuses);
    }
}
