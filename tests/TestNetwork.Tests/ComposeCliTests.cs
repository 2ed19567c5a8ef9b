using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>Docker Compose itself validates the files (`config` needs no daemon) in the combinations the scripts use.</summary>
public sealed class ComposeCliTests
{
    [RequiresComposeFact]
    public async Task Config_NetworkWithAndWithoutCouchDbAndBftAndTheChaincode_IsValid()
    {
        var (fileName, prefix) = ComposeCli.Require();
        string[][] combinations =
        [
            ["-p", "healthrecords-testnet", "-f", TestNetworkPaths.ComposeTestNet],
            ["-p", "healthrecords-testnet", "-f", TestNetworkPaths.ComposeTestNet, "-f", TestNetworkPaths.ComposeCouch],
            ["-p", "healthrecords-cc", "-f", TestNetworkPaths.ComposeChaincode],
            ["-p", "healthrecords-testnet", "-f", TestNetworkPaths.ComposeTestNet, "-f", TestNetworkPaths.ComposeBft],
            ["-p", "healthrecords-testnet", "-f", TestNetworkPaths.ComposeTestNet, "-f", TestNetworkPaths.ComposeCouch, "-f", TestNetworkPaths.ComposeBft],
        ];

        foreach (var files in combinations)
        {
            var (exitCode, output, error) = await ProcessRunner.RunAsync(fileName, [.. prefix, .. files, "config", "--quiet"], TestTimeouts.Long, TestNetworkPaths.ComposeDirectory);

            Assert.True(exitCode == 0, $"{string.Join(' ', files)}: {output}{error}");
        }
    }

    [RequiresComposeFact]
    public async Task Config_CouchOverlay_MergesIntoThePeers()
    {
        var (fileName, prefix) = ComposeCli.Require();

        var (exitCode, output, error) = await ProcessRunner.RunAsync(
            fileName,
            [.. prefix, "-p", "healthrecords-testnet", "-f", TestNetworkPaths.ComposeTestNet, "-f", TestNetworkPaths.ComposeCouch, "config"],
            TestTimeouts.Long,
            TestNetworkPaths.ComposeDirectory);

        Assert.True(exitCode == 0, error);
        Assert.Contains("couchdb0:5984", output, StringComparison.Ordinal);
        Assert.Contains("couchdb1:5984", output, StringComparison.Ordinal);
        // The overlay adds to the peer's environment; the base settings stay.
        Assert.Contains("CORE_CHAINCODE_EXTERNALBUILDERS", output, StringComparison.Ordinal);
    }
}
