using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>
/// Runs the real scripts in network/test-network/scripts/tools with stand-ins for peer, osnadmin and
/// configtxgen on PATH (tests/TestNetwork.Tests/FakeFabricCli) and the generated crypto material in
/// place: checks the order of the Fabric commands, that re-runs change nothing, that upgrades take the
/// next sequence, and the package bytes the peers would install.
/// </summary>
[Collection(GeneratedCryptoCollection.Name)]
public sealed class ToolsScriptFlowTests(GeneratedCryptoFixture crypto) : IDisposable
{
    private readonly TemporaryDirectory _work = new();

    private string Root => Path.Combine(_work.Path, "test-network");

    private string State => Path.Combine(_work.Path, "state");

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task CreateChannel_NewNetwork_WritesTheBlockThenJoinsOrdererAndBothPeers()
    {
        await RunAsync("create-channel.sh");

        var calls = Calls();
        var block = Path.Combine(Root, "channel-artifacts", "healthchannel.block");
        var generate = calls.FindIndex(c => c.Command.StartsWith("configtxgen", StringComparison.Ordinal));
        var ordererJoin = calls.FindIndex(c => c.Command.StartsWith("osnadmin channel join --channelID healthchannel", StringComparison.Ordinal));
        var peerJoins = calls.Where(c => c.Command == $"peer channel join -b {block}").Select(c => c.MspId).ToList();
        Assert.Contains("-profile HealthChannel -channelID healthchannel -outputBlock " + block, calls[generate].Command, StringComparison.Ordinal);
        Assert.True(generate < ordererJoin, "the block must exist before the orderer joins");
        Assert.True(ordererJoin < calls.FindIndex(c => c.Command.StartsWith("peer channel join", StringComparison.Ordinal)));
        Assert.Equal(["Org1MSP", "Org2MSP"], peerJoins);
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task CreateChannel_RunTwice_JoinsNothingTheSecondTime()
    {
        await RunAsync("create-channel.sh");
        File.Delete(Path.Combine(State, "calls"));

        await RunAsync("create-channel.sh");

        Assert.DoesNotContain(Calls(), c => c.Command.Contains(" join ", StringComparison.Ordinal) || c.Command.StartsWith("configtxgen", StringComparison.Ordinal));
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task CreateChannel_Bft_WritesTheBftBlockThenJoinsAllFourOrderersBeforeThePeers()
    {
        var (exitCode, output, error) = await RunRawAsync("create-channel.sh", [("ORDERER_TYPE", "BFT")]);

        Assert.True(exitCode == 0, output + error);
        var calls = Calls();
        var block = Path.Combine(Root, "channel-artifacts", "healthchannel.block");
        var generate = Assert.Single(calls, c => c.Command.StartsWith("configtxgen", StringComparison.Ordinal));
        Assert.Contains("-profile HealthChannelBFT -channelID healthchannel -outputBlock " + block, generate.Command, StringComparison.Ordinal);
        var joins = calls.Select((c, i) => (c.Command, Index: i)).Where(c => c.Command.StartsWith("osnadmin channel join --channelID healthchannel", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["orderer.example.com:7053", "orderer2.example.com:7053", "orderer3.example.com:7053", "orderer4.example.com:7053"],
            joins.Select(j => OrdererOption(j.Command)));
        Assert.All(joins, j => Assert.Contains("--config-block " + block, j.Command, StringComparison.Ordinal));
        var firstPeerJoin = calls.FindIndex(c => c.Command.StartsWith("peer channel join", StringComparison.Ordinal));
        Assert.True(joins.Max(j => j.Index) < firstPeerJoin, "every consenter must serve the channel before the peers join it");
        Assert.Equal(["Org1MSP", "Org2MSP"], calls.Where(c => c.Command == $"peer channel join -b {block}").Select(c => c.MspId));
        Assert.Equal("BFT", File.ReadAllText(Path.Combine(Root, "channel-artifacts", "healthchannel.orderer-type")).Trim());
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task CreateChannel_RaftByDefault_JoinsTheOneOrdererAndRecordsEtcdraft()
    {
        await RunAsync("create-channel.sh");

        var joins = Calls().Where(c => c.Command.StartsWith("osnadmin channel join", StringComparison.Ordinal)).Select(c => OrdererOption(c.Command));
        Assert.Equal(["orderer.example.com:7053"], joins);
        Assert.Equal("etcdraft", File.ReadAllText(Path.Combine(Root, "channel-artifacts", "healthchannel.orderer-type")).Trim());
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task CreateChannel_BftOnARaftBlock_RefusedWithoutJoiningAnything()
    {
        await RunAsync("create-channel.sh");
        File.Delete(Path.Combine(State, "calls"));

        var (exitCode, output, error) = await RunRawAsync("create-channel.sh", [("ORDERER_TYPE", "BFT")]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("was written for ORDERER_TYPE=etcdraft, not BFT", output + error, StringComparison.Ordinal);
        Assert.Contains("network-clean", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(State, "calls")), "nothing may be called once the block is refused");
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task CreateChannel_BftRunTwice_JoinsNothingTheSecondTime()
    {
        await RunRawOkAsync("create-channel.sh", [("ORDERER_TYPE", "BFT")]);
        File.Delete(Path.Combine(State, "calls"));

        await RunRawOkAsync("create-channel.sh", [("ORDERER_TYPE", "BFT")]);

        var calls = Calls();
        Assert.DoesNotContain(calls, c => c.Command.Contains(" join ", StringComparison.Ordinal) || c.Command.StartsWith("configtxgen", StringComparison.Ordinal));
        // Each consenter is asked on its own whether it serves the channel.
        Assert.Equal(4, calls.Where(c => c.Command.StartsWith("osnadmin channel list --channelID healthchannel", StringComparison.Ordinal)).Select(c => OrdererOption(c.Command)).Distinct().Count());
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_NewChannel_InstallsApprovesForBothAndCommitsSequenceOne()
    {
        await RunAsync("deploy-chaincode.sh");

        var calls = Calls();
        var packageId = File.ReadAllText(Path.Combine(Root, "packages", "healthrecords_1.0.package-id")).Trim();
        Assert.StartsWith("healthrecords_1.0:", packageId, StringComparison.Ordinal);
        Assert.Equal(["Org1MSP", "Org2MSP"], calls.Where(c => c.Command.StartsWith("peer lifecycle chaincode install", StringComparison.Ordinal)).Select(c => c.MspId));
        var approvals = calls.Where(c => c.Command.StartsWith("peer lifecycle chaincode approveformyorg", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Org1MSP", "Org2MSP"], approvals.Select(c => c.MspId));
        Assert.All(approvals, a => Assert.Contains($"--sequence 1 --package-id {packageId}", a.Command, StringComparison.Ordinal));
        var commit = Assert.Single(calls, c => c.Command.StartsWith("peer lifecycle chaincode commit", StringComparison.Ordinal));
        Assert.Contains("--channelID healthchannel --name healthrecords --version 1.0 --signature-policy AND('Org1MSP.peer','Org2MSP.peer') --sequence 1", commit.Command, StringComparison.Ordinal);
        Assert.Contains("--peerAddresses peer0.org1.example.com:7051", commit.Command, StringComparison.Ordinal);
        Assert.Contains("--peerAddresses peer0.org2.example.com:9051", commit.Command, StringComparison.Ordinal);
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_Package_HoldsCcaasMetadataAndTheConnectionFile()
    {
        await RunAsync("deploy-chaincode.sh");

        var entries = await ReadTarGzAsync(Path.Combine(Root, "packages", "healthrecords_1.0.tar.gz"));
        Assert.Equal(["code.tar.gz", "metadata.json"], entries.Keys.Order(StringComparer.Ordinal));
        using var metadata = JsonDocument.Parse(entries["metadata.json"]);
        Assert.Equal("ccaas", metadata.RootElement.GetProperty("type").GetString());
        Assert.Equal("healthrecords_1.0", metadata.RootElement.GetProperty("label").GetString());
        var code = await ReadTarGzAsync(new MemoryStream(entries["code.tar.gz"]));
        Assert.Equal(File.ReadAllBytes(TestNetworkPaths.ConnectionJson), Assert.Single(code, e => e.Key == "connection.json").Value);
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_RunTwice_ChangesNothingTheSecondTime()
    {
        await RunAsync("deploy-chaincode.sh");
        var firstId = File.ReadAllText(Path.Combine(Root, "packages", "healthrecords_1.0.package-id"));
        File.Delete(Path.Combine(State, "calls"));

        await RunAsync("deploy-chaincode.sh");

        Assert.DoesNotContain(Calls(), c => c.Command.Contains(" install ", StringComparison.Ordinal) || c.Command.Contains("approveformyorg", StringComparison.Ordinal) || c.Command.Contains("chaincode commit", StringComparison.Ordinal));
        Assert.Equal(firstId, File.ReadAllText(Path.Combine(Root, "packages", "healthrecords_1.0.package-id")));
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_NewVersion_CommitsTheNextSequenceWithTheNewPackage()
    {
        await RunAsync("deploy-chaincode.sh");

        await RunAsync("deploy-chaincode.sh", ("CHAINCODE_VERSION", "1.1"));

        var newId = File.ReadAllText(Path.Combine(Root, "packages", "healthrecords_1.1.package-id")).Trim();
        Assert.StartsWith("healthrecords_1.1:", newId, StringComparison.Ordinal);
        var commit = Calls().Last(c => c.Command.StartsWith("peer lifecycle chaincode commit", StringComparison.Ordinal));
        Assert.Contains("--version 1.1", commit.Command, StringComparison.Ordinal);
        Assert.Contains("--sequence 2", commit.Command, StringComparison.Ordinal);
        Assert.Contains(Calls(), c => c.Command.Contains($"--sequence 2 --package-id {newId}", StringComparison.Ordinal));
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_LowerVersionThanCommitted_RefusedAndCommitsNothing()
    {
        await RunAsync("deploy-chaincode.sh");
        await RunAsync("deploy-chaincode.sh", ("CHAINCODE_VERSION", "1.1"));
        var commits = Calls().Count(c => c.Command.StartsWith("peer lifecycle chaincode commit", StringComparison.Ordinal));

        var (exitCode, output, error) = await RunRawAsync("deploy-chaincode.sh", [("CHAINCODE_VERSION", "1.0")]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("refusing to lower healthrecords from the committed version 1.1 to 1.0", output + error, StringComparison.Ordinal);
        Assert.Contains("FORCE=1", output + error, StringComparison.Ordinal);
        Assert.Equal(commits, Calls().Count(c => c.Command.StartsWith("peer lifecycle chaincode commit", StringComparison.Ordinal)));
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_LowerVersionWithForce_CommitsItAtTheNextSequence()
    {
        await RunAsync("deploy-chaincode.sh");
        await RunAsync("deploy-chaincode.sh", ("CHAINCODE_VERSION", "1.1"));

        var (exitCode, output, error) = await RunRawAsync("deploy-chaincode.sh", [("CHAINCODE_VERSION", "1.0"), ("FORCE", "1")]);

        Assert.True(exitCode == 0, output + error);
        var commit = Calls().Last(c => c.Command.StartsWith("peer lifecycle chaincode commit", StringComparison.Ordinal));
        Assert.Contains("--version 1.0", commit.Command, StringComparison.Ordinal);
        Assert.Contains("--sequence 3", commit.Command, StringComparison.Ordinal);
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_SameVersionOtherSources_RefusedAtCheckAndDefine()
    {
        await RunRawOkAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesA)]);
        var commits = Calls().Count(c => c.Command.StartsWith("peer lifecycle chaincode commit", StringComparison.Ordinal));

        var check = await RunRawAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesB)], "check");
        var define = await RunRawAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesB)]);

        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("refusing to replace the code of the committed healthrecords 1.0", check.Output + check.Error, StringComparison.Ordinal);
        Assert.Contains("FORCE=1", check.Output + check.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, define.ExitCode);
        Assert.Equal(commits, Calls().Count(c => c.Command.StartsWith("peer lifecycle chaincode commit", StringComparison.Ordinal)));
        Assert.Equal(SourcesA, File.ReadAllText(SourceRecord("1.0")).Trim());
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_SameVersionSameSources_Accepted()
    {
        await RunRawOkAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesA)]);

        var check = await RunRawAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesA)], "check");
        var define = await RunRawAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesA)]);

        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.True(define.ExitCode == 0, define.Output + define.Error);
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_SameVersionOtherSourcesWithForce_RecordsTheNewSources()
    {
        await RunRawOkAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesA)]);

        var define = await RunRawAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesB), ("FORCE", "1")]);

        Assert.True(define.ExitCode == 0, define.Output + define.Error);
        Assert.Equal(SourcesB, File.ReadAllText(SourceRecord("1.0")).Trim());
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_NewVersionOtherSources_CommitsAndRecordsThem()
    {
        await RunRawOkAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesA)]);

        await RunRawOkAsync("deploy-chaincode.sh", [("CHAINCODE_SOURCE_HASH", SourcesB), ("CHAINCODE_VERSION", "1.1")]);

        Assert.Equal(SourcesA, File.ReadAllText(SourceRecord("1.0")).Trim());
        Assert.Equal(SourcesB, File.ReadAllText(SourceRecord("1.1")).Trim());
    }

    [RequiresToolFact("bash", "jq", "tar", "sha256sum")]
    public async Task DeployChaincode_Verify_QueriesEveryPeer()
    {
        await RunAsync("deploy-chaincode.sh");

        await RunAsync("deploy-chaincode.sh", arguments: "verify");

        var queries = Calls().Where(c => c.Command.StartsWith("peer chaincode query -C healthchannel -n healthrecords", StringComparison.Ordinal)).Select(c => c.MspId);
        Assert.Equal(["Org1MSP", "Org2MSP"], queries);
    }

    /// <inheritdoc />
    public void Dispose() => _work.Dispose();

    /// <summary>Runs a tools script as the tools container would, with the fakes first on PATH.</summary>
    private async Task RunAsync(string script, (string Name, string Value)? setting = null, string? arguments = null)
    {
        var (exitCode, output, error) = await RunRawAsync(script, setting is { } s ? [s] : [], arguments);
        Assert.True(exitCode == 0, $"{script} failed:\n{output}\n{error}");
    }

    private const string SourcesA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private const string SourcesB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private string SourceRecord(string version) => Path.Combine(Root, "packages", $"healthrecords_{version}.source-hash");

    private async Task RunRawOkAsync(string script, (string Name, string Value)[] settings)
    {
        var (exitCode, output, error) = await RunRawAsync(script, settings);
        Assert.True(exitCode == 0, $"{script} failed:\n{output}\n{error}");
    }

    /// <summary>Runs a tools script as <see cref="RunAsync"/> does, and returns its outcome whatever it is.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunRawAsync(string script, (string Name, string Value)[] settings, string? arguments = null)
    {
        // The scripts call these themselves: name a missing one here rather than fail inside the script.
        foreach (var tool in new[] { "jq", "tar", "sha256sum" })
        {
            RequiredTools.Require(tool);
        }

        var bin = Path.Combine(_work.Path, "bin");
        if (!Directory.Exists(bin))
        {
            Directory.CreateDirectory(bin);
            Directory.CreateDirectory(State);
            Directory.CreateDirectory(Root);
            Directory.CreateSymbolicLink(Path.Combine(Root, "organizations"), crypto.OrganizationsDirectory);
            foreach (var tool in new[] { "peer", "osnadmin", "configtxgen" })
            {
                var target = Path.Combine(bin, tool);
                File.Copy(Path.Combine(TestNetworkPaths.Root, "tests", "TestNetwork.Tests", "FakeFabricCli", tool + ".sh"), target);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }

        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_FABRIC_STATE"] = State,
            ["TEST_NETWORK_ROOT"] = Root,
            ["CCAAS_FILES"] = Path.GetDirectoryName(TestNetworkPaths.ConnectionJson),
            ["CHAINCODE_VERSION"] = null,
            ["CHAINCODE_SEQUENCE"] = null,
            ["CHAINCODE_POLICY"] = null,
            ["FORCE"] = null,
            ["ORDERER_TYPE"] = null,
            ["CHAINCODE_SOURCE_HASH"] = null,
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        string[] args = arguments is null ? [Path.Combine(TestNetworkPaths.ScriptsDirectory, "tools", script)] : [Path.Combine(TestNetworkPaths.ScriptsDirectory, "tools", script), arguments];
        return await ProcessRunner.RunAsync("bash", args, TestTimeouts.Long, Root, environment);
    }

    /// <summary>The <c>-o</c> value of an osnadmin call: the ordering node's admin endpoint.</summary>
    private static string OrdererOption(string command)
    {
        var words = command.Split(' ');
        return words[Array.IndexOf(words, "-o") + 1];
    }

    private List<(string MspId, string Command)> Calls() =>
        [.. File.ReadAllLines(Path.Combine(State, "calls")).Select(l => l.Split('\t', 2)).Select(p => (p[0], p[1]))];

    private static async Task<Dictionary<string, byte[]>> ReadTarGzAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await ReadTarGzAsync(file);
    }

    private static async Task<Dictionary<string, byte[]>> ReadTarGzAsync(Stream stream)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(content);
            }

            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }
}
