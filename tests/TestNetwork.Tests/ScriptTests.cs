using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>The shell scripts: shellcheck-clean, and their names, ports and paths agree with the rest.</summary>
[Collection(GeneratedCryptoCollection.Name)]
public sealed partial class ScriptTests(GeneratedCryptoFixture crypto)
{
    private static ComposeFile TestNet => ComposeFile.Load(TestNetworkPaths.ComposeTestNet);

    [RequiresToolFact("shellcheck")]
    public async Task Shellcheck_EveryTestNetworkScript_ReportsNothing()
    {
        var scripts = TestNetworkPaths.ShellScripts();
        var fakes = Directory.GetFiles(Path.Combine(TestNetworkPaths.Root, "tests", "TestNetwork.Tests", "FakeFabricCli"), "*.sh");

        var (exitCode, output, error) = await ProcessRunner.RunAsync("shellcheck", ["-x", .. scripts, .. fakes], TestTimeouts.Long);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains(scripts, s => Path.GetFileName(s) == "network.sh");
    }

    [Fact]
    public void Scripts_Executable_UseBashInStrictMode()
    {
        foreach (var script in TestNetworkPaths.ShellScripts().Where(s => Path.GetFileName(s) != "env.sh"))
        {
            var lines = File.ReadAllLines(script);
            Assert.Equal("#!/usr/bin/env bash", lines[0]);
            Assert.Contains("set -euo pipefail", lines);
        }
    }

    [Fact]
    public void NetworkScript_ProfilePeerUrls_UseThePortsComposePublishes()
    {
        var urls = PeerUrl().Matches(File.ReadAllText(TestNetworkPaths.NetworkScript)).ToList();
        var testNet = TestNet;

        Assert.Equal(2, urls.Count);
        foreach (var url in urls)
        {
            var peer = testNet.Services[url.Groups["name"].Value];
            var port = int.Parse(url.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(peer.Ports, p => p.HostPort == port && peer.Env("CORE_PEER_LISTENADDRESS").EndsWith($":{p.ContainerPort}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void NetworkScript_Deploy_RefusesBeforeBuildingTheImage()
    {
        var script = File.ReadAllText(TestNetworkPaths.NetworkScript);
        var deploy = script[script.IndexOf("cmd_deploy() {", StringComparison.Ordinal)..];
        deploy = deploy[..deploy.IndexOf("\n}\n", StringComparison.Ordinal)];

        // A refused deploy must leave the image tag on the code that runs: the check comes first.
        var check = deploy.IndexOf("tools deploy-chaincode.sh check", StringComparison.Ordinal);
        var build = deploy.IndexOf("chaincode_compose build", StringComparison.Ordinal);
        Assert.True(check >= 0 && build > check, "cmd_deploy must run 'deploy-chaincode.sh check' before 'chaincode_compose build'");
        Assert.Contains("\"CHAINCODE_SOURCE_HASH=$sources\"", deploy[check..build], StringComparison.Ordinal);
    }

    [Fact]
    public void CreateChannel_Profiles_AreDefinedInConfigtx()
    {
        var script = File.ReadAllText(Path.Combine(TestNetworkPaths.ScriptsDirectory, "tools", "create-channel.sh"));
        // create-channel.sh writes the block with the profile env.sh picks for the ordering type.
        Assert.Contains("-profile \"$CHANNEL_PROFILE\"", script, StringComparison.Ordinal);
        var profiles = Regex.Matches(File.ReadAllText(TestNetworkPaths.ToolsEnvScript), @"CHANNEL_PROFILE=(\w+)").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["HealthChannel", "HealthChannelBFT"], profiles);
        Assert.All(profiles, p => Assert.NotNull(Yaml.LoadMapping(TestNetworkPaths.Configtx).Mapping("Profiles").Get(p)));
    }

    [RequiresToolFact("bash")]
    public async Task ToolsEnv_OrdererSettings_MatchComposeAndGeneratedFiles()
    {
        var values = await EvaluateToolsEnvAsync("echo \"$ORDERER_ADDRESS|$ORDERER_ADMIN_ADDRESS|$ORDERER_TLS_CA|$ORDERER_ADMIN_TLS_CERT|$ORDERER_ADMIN_TLS_KEY\"");
        var orderer = TestNet.Services["orderer.example.com"];

        Assert.Equal($"{orderer.Hostname}:{orderer.Env("ORDERER_GENERAL_LISTENPORT")}", values[0]);
        Assert.Equal(orderer.Hostname + orderer.Env("ORDERER_ADMIN_LISTENADDRESS")[orderer.Env("ORDERER_ADMIN_LISTENADDRESS").LastIndexOf(':')..], values[1]);
        Assert.All(values[2..], path => Assert.True(File.Exists(path), $"{path} is not generated"));
    }

    [RequiresToolFact("bash")]
    public async Task ToolsEnv_UseOrg_PointsThePeerCliAtThatOrganisationsPeerAsItsAdmin()
    {
        foreach (var org in new[] { 1, 2 })
        {
            var values = await EvaluateToolsEnvAsync($"use_org {org}; echo \"$CORE_PEER_ADDRESS|$CORE_PEER_LOCALMSPID|$CORE_PEER_TLS_ROOTCERT_FILE|$CORE_PEER_MSPCONFIGPATH|$CORE_PEER_TLS_ENABLED\"");
            var peer = Assert.Single(TestNet.Services.Values, s => s.Environment.GetValueOrDefault("CORE_PEER_ADDRESS") == values[0]);

            Assert.Equal(peer.Env("CORE_PEER_LOCALMSPID"), values[1]);
            Assert.Equal("true", values[4]);
            // The TLS root the CLI trusts must verify the certificate this peer serves.
            var organization = crypto.Material.GetOrganization(values[1]);
            using var served = X509Certificate2.CreateFromPem(File.ReadAllText(organization.Nodes.Single(n => n.CommonName == peer.Hostname).TlsCertificatePath));
            using var root = X509Certificate2.CreateFromPem(File.ReadAllText(values[2]));
            Assert.Equal(root.SubjectName.Name, served.IssuerName.Name);
            // Lifecycle approvals and channel joins need an admin of that organisation.
            var signcert = Assert.Single(Directory.GetFiles(Path.Combine(values[3], "signcerts")));
            using var admin = X509Certificate2.CreateFromPem(File.ReadAllText(signcert));
            Assert.Contains("OU=admin", admin.Subject, StringComparison.Ordinal);
            Assert.StartsWith(organization.Directory, values[3], StringComparison.Ordinal);
        }
    }

    /// <summary>Sources scripts/tools/env.sh with the generated material as its root and runs <paramref name="command"/>.</summary>
    private async Task<string[]> EvaluateToolsEnvAsync(string command)
    {
        var environment = new Dictionary<string, string?> { ["TEST_NETWORK_ROOT"] = crypto.TestNetworkRoot };
        var script = $"set -euo pipefail; source '{TestNetworkPaths.ToolsEnvScript}'; {command}";

        var (exitCode, output, error) = await ProcessRunner.RunAsync("bash", ["-c", script], TestTimeouts.Short, environment: environment);

        Assert.True(exitCode == 0, error);
        return output.TrimEnd('\n').Split('|');
    }

    [GeneratedRegex(@"^\s+(?<name>peer0\.[a-z0-9.]+)=grpcs://localhost:(?<port>\d+)$", RegexOptions.Multiline)]
    private static partial Regex PeerUrl();
}
