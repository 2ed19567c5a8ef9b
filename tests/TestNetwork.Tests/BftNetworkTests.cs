using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using TestNetwork.Tests.Infrastructure;
using TestSupport;
using YamlDotNet.RepresentationModel;

namespace TestNetwork.Tests;

/// <summary>
/// The BFT profile of the Docker test network (<c>make network-up ORDERER_TYPE=BFT FABRIC_VERSION=3.x</c>):
/// compose-bft.yaml's four consenters against the generated crypto, configtx.yaml's HealthChannelBFT
/// against both, our 3.x tools image, and network.sh's refusal of BFT on Fabric 2.5.
/// </summary>
[Collection(GeneratedCryptoCollection.Name)]
public sealed partial class BftNetworkTests(GeneratedCryptoFixture crypto) : IDisposable
{
    private static readonly string[] s_orderers = ["orderer.example.com", "orderer2.example.com", "orderer3.example.com", "orderer4.example.com"];

    private readonly TemporaryDirectory _work = new();

    private static ComposeFile TestNet => ComposeFile.Load(TestNetworkPaths.ComposeTestNet);

    private static ComposeFile Bft => ComposeFile.Load(TestNetworkPaths.ComposeBft);

    private static YamlMappingNode BftProfile => Yaml.LoadMapping(TestNetworkPaths.Configtx).Mapping("Profiles").Mapping("HealthChannelBFT");

    /// <inheritdoc />
    public void Dispose() => _work.Dispose();

    /// <summary>The four orderers as Compose merges the base file and the overlay.</summary>
    private static ComposeService Orderer(string name) =>
        Bft.Services.TryGetValue(name, out var service) ? service : TestNet.Services[name];

    [Fact]
    public void Compose_BftOverlay_AddsThreeOrderersEachWithItsOwnNameAndLedgerVolume()
    {
        var bft = Bft;
        var declaredVolumes = Yaml.LoadMapping(TestNetworkPaths.ComposeBft).Mapping("volumes").Entries().Select(e => e.Key).ToList();

        Assert.Equal(s_orderers[1..], bft.Services.Keys.Where(k => k.StartsWith("orderer", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(s_orderers[0], bft.Services.Keys);
        foreach (var name in s_orderers[1..])
        {
            var orderer = bft.Services[name];
            Assert.Equal(name, orderer.ContainerName);
            Assert.Equal(name, orderer.Hostname);
            Assert.Equal("orderer", Regex.Match(orderer.Image!, @"fabric-(\w+):").Groups[1].Value);
            Assert.Equal(TestNet.Services[s_orderers[0]].Image, orderer.Image);
            var ledger = Assert.Single(orderer.Volumes, v => !v.IsBind);
            Assert.Equal((name, "/var/hyperledger/production/orderer"), (ledger.Source, ledger.Target));
            Assert.Contains(name, declaredVolumes);
            Assert.Equal(["fabric"], orderer.Networks);
        }
    }

    [Fact]
    public void Compose_BaseAndBftOverlay_PublishEveryHostPortOnceOnLoopback()
    {
        var ports = TestNet.Services.Values.Concat(Bft.Services.Values).SelectMany(s => s.Ports.Select(p => (Service: s.Name, Port: p))).ToList();

        Assert.Equal(ports.Count, ports.Select(p => p.Port.HostPort).Distinct().Count());
        Assert.All(ports, p => Assert.Equal("127.0.0.1", p.Port.HostAddress));
        foreach (var name in s_orderers)
        {
            var orderer = Orderer(name);
            // The listener and the channel participation API are both published.
            Assert.Contains(orderer.Ports, p => p.ContainerPort == int.Parse(orderer.Env("ORDERER_GENERAL_LISTENPORT"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(orderer.Ports, p => orderer.Env("ORDERER_ADMIN_LISTENADDRESS").EndsWith($":{p.ContainerPort}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Compose_BftOrderers_MountTheirOwnGeneratedMspAndTlsFolders()
    {
        foreach (var name in s_orderers[1..])
        {
            var orderer = Bft.Services[name];
            var mounts = orderer.Volumes.Where(v => v.IsBind).ToList();

            Assert.Equal(2, mounts.Count);
            foreach (var folder in new[] { "msp", "tls" })
            {
                var mount = Assert.Single(mounts, m => m.Target == $"/var/hyperledger/orderer/{folder}");
                Assert.Equal(Path.Combine(TestNetworkPaths.Organizations, "ordererOrganizations", "example.com", "orderers", name, folder), mount.Source);
                Assert.True(Directory.Exists(crypto.Map(mount.Source)), $"{name}: {mount.Source} is not generated");
            }

            // Every file its settings name exists in what is mounted.
            foreach (var file in orderer.Environment.Values.SelectMany(v => v.Trim('[', ']').Split(',')).Where(v => v.StartsWith("/var/hyperledger/orderer/", StringComparison.Ordinal)))
            {
                var mount = mounts.Single(m => file.StartsWith(m.Target, StringComparison.Ordinal));
                var hostPath = Path.Combine(crypto.Map(mount.Source), file[mount.Target.Length..].TrimStart('/'));
                Assert.True(File.Exists(hostPath) || Directory.Exists(hostPath), $"{name}: {file} maps to {hostPath}, which the generator does not write");
            }

            // The same settings as the Raft orderer: a consenter differs only in what is mounted.
            Assert.Equal(TestNet.Services[s_orderers[0]].Environment, orderer.Environment);
        }
    }

    [Fact]
    public void Crypto_EachBftOrdererTlsCertificate_NamesItsHostAndServesBothDirections()
    {
        foreach (var name in s_orderers)
        {
            var node = Assert.Single(crypto.Material.GetOrganization("OrdererMSP").Nodes, n => n.CommonName == name);
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(node.TlsCertificatePath));

            Assert.Contains(name, certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
            var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
            // Consenters dial each other with their server key pair (ORDERER_GENERAL_CLUSTER_*).
            Assert.Contains("1.3.6.1.5.5.7.3.1", usages);
            Assert.Contains("1.3.6.1.5.5.7.3.2", usages);
        }
    }

    [Fact]
    public void Configtx_BftProfile_IsBftWithV3ChannelCapabilityAndSmartBftOptions()
    {
        var profile = BftProfile;
        var orderer = profile.Mapping("Orderer");

        Assert.Equal("BFT", orderer.Scalar("OrdererType"));
        Assert.Equal("true", profile.Mapping("Capabilities").Scalar("V3_0"));
        Assert.NotEmpty(orderer.Mapping("SmartBFT").Entries());
        Assert.Equal(["Org1MSP", "Org2MSP"], profile.Mapping("Application").Sequence("Organizations").Children.Cast<YamlMappingNode>().Select(o => o.Scalar("ID")));
        // The Raft profile stays on V2_0, which Fabric 2.5 nodes accept.
        var capabilities = Yaml.LoadMapping(TestNetworkPaths.Configtx).Mapping("Capabilities");
        Assert.Null(capabilities.Mapping("Channel").Get("V3_0"));
        Assert.Equal("true", capabilities.Mapping("ChannelBFT").Scalar("V3_0"));
    }

    [Fact]
    public void Configtx_BftConsenterMapping_IsTheFourOrderersWithTheirGeneratedIdentityAndTlsCertificates()
    {
        var consenters = BftProfile.Mapping("Orderer").Sequence("ConsenterMapping").Children.Cast<YamlMappingNode>().ToList();
        var generated = crypto.Material.GetOrganization("OrdererMSP");

        Assert.Equal(s_orderers, consenters.Select(c => c.Scalar("Host")));
        Assert.Equal(["1", "2", "3", "4"], consenters.Select(c => c.Scalar("ID")));
        foreach (var consenter in consenters)
        {
            var name = consenter.Scalar("Host");
            var service = Orderer(name);
            var node = generated.Nodes.Single(n => n.CommonName == name);
            Assert.Equal(service.Env("ORDERER_GENERAL_LISTENPORT"), consenter.Scalar("Port"));
            Assert.Equal(service.Env("ORDERER_GENERAL_LOCALMSPID"), consenter.Scalar("MSPID"));
            // Its identity is the certificate it signs with, in the msp folder it mounts.
            Assert.Equal(Path.GetFullPath(node.SigningCertificatePath), crypto.Map(Resolve(consenter.Scalar("Identity"))));
            var tls = service.Volumes.Single(v => v.Target == "/var/hyperledger/orderer/tls").Source;
            foreach (var key in new[] { "ClientTLSCert", "ServerTLSCert" })
            {
                Assert.Equal(Path.Combine(tls, "server.crt"), Resolve(consenter.Scalar(key)));
                Assert.Equal(Path.GetFullPath(node.TlsCertificatePath), crypto.Map(Resolve(consenter.Scalar(key))));
            }
        }
    }

    [Fact]
    public void Configtx_BftOrdererOrganisation_ListsEveryConsenterAsAnEndpoint()
    {
        var organization = Assert.Single(BftProfile.Mapping("Orderer").Sequence("Organizations").Children.Cast<YamlMappingNode>());
        var endpoints = organization.Sequence("OrdererEndpoints").Children.Cast<YamlScalarNode>().Select(e => e.Value);

        Assert.Equal("OrdererMSP", organization.Scalar("ID"));
        Assert.Equal(s_orderers.Select(o => $"{o}:{Orderer(o).Env("ORDERER_GENERAL_LISTENPORT")}"), endpoints);
    }

    [Fact]
    public void ToolsImage_IsOurDockerfileOnAPinnedFabric3ReleaseCheckedBySha256()
    {
        var tools = Bft.Services["tools"];
        var dockerfile = File.ReadAllText(TestNetworkPaths.ToolsDockerfile);
        var version = Regex.Match(dockerfile, @"^ARG FABRIC_TOOLS_VERSION=(\S+)$", RegexOptions.Multiline).Groups[1].Value;

        Assert.Equal($"healthrecords-fabric-tools:{version}", tools.Image);
        Assert.Equal(Path.GetDirectoryName(TestNetworkPaths.ToolsDockerfile), tools.BuildContext);
        // configtxgen must be 3.x to write a BFT genesis block.
        Assert.Matches(@"^3\.\d+\.\d+$", version);
        Assert.Matches(@"^ARG FABRIC_SHA256_AMD64=[0-9a-f]{64}$", dockerfile.Split('\n').Single(l => l.StartsWith("ARG FABRIC_SHA256_AMD64=", StringComparison.Ordinal)));
        Assert.Matches(@"^ARG FABRIC_SHA256_ARM64=[0-9a-f]{64}$", dockerfile.Split('\n').Single(l => l.StartsWith("ARG FABRIC_SHA256_ARM64=", StringComparison.Ordinal)));
        Assert.Contains("https://github.com/hyperledger/fabric/releases/download/v$FABRIC_TOOLS_VERSION/", dockerfile, StringComparison.Ordinal);
        // The checksum is verified before the tarball is unpacked.
        Assert.True(
            dockerfile.IndexOf("sha256sum -c", StringComparison.Ordinal) is var check and > 0 && check < dockerfile.IndexOf("tar -xzf", StringComparison.Ordinal),
            "tools/Dockerfile must check the tarball's sha256 before unpacking it");
        var from = Assert.Single(dockerfile.Split('\n'), l => l.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.Matches(@"^FROM [a-z0-9./-]+:\d+\.\d+$", from);
        // The build context holds the Dockerfile only.
        Assert.Equal(["Dockerfile"], Directory.GetFileSystemEntries(tools.BuildContext!).Select(Path.GetFileName));
    }

    [RequiresToolTheory("bash")]
    [InlineData("2.5.16")]
    [InlineData("2.4.9")]
    public async Task NetworkUp_BftOnFabric2_RefusedWithAClearMessageAndNothingStarted(string fabricVersion)
    {
        var (exitCode, output, error) = await RunNetworkUpAsync(("ORDERER_TYPE", "BFT"), ("FABRIC_VERSION", fabricVersion));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"ORDERER_TYPE=BFT needs Fabric 3.x peers and orderers (the V3_0 channel capability), not FABRIC_VERSION={fabricVersion}", output + error, StringComparison.Ordinal);
        Assert.Contains("FABRIC_VERSION=3.1.5", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(CallsLog), $"network.sh called docker or dotnet:\n{(File.Exists(CallsLog) ? File.ReadAllText(CallsLog) : string.Empty)}");
    }

    [RequiresToolFact("bash")]
    public async Task NetworkUp_UnknownOrdererType_RefusedAndNothingStarted()
    {
        var (exitCode, output, error) = await RunNetworkUpAsync(("ORDERER_TYPE", "kafka"), ("FABRIC_VERSION", "3.1.5"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ORDERER_TYPE must be etcdraft or BFT, not 'kafka'", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(CallsLog));
    }

    private string CallsLog => Path.Combine(_work.Path, "calls.log");

    /// <summary>Runs <c>network.sh up</c> with stand-ins for docker and dotnet that only record that they were called.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunNetworkUpAsync(params (string Name, string Value)[] settings)
    {
        var bin = Path.Combine(_work.Path, "bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "docker", "docker-compose", "dotnet" })
        {
            var path = Path.Combine(bin, tool);
            File.WriteAllText(path, $"#!/bin/sh\necho \"{tool} $*\" >> \"$CALLS\"\nexit 0\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["CALLS"] = CallsLog,
            ["DOTNET"] = Path.Combine(bin, "dotnet"),
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return await ProcessRunner.RunAsync("bash", [TestNetworkPaths.NetworkScript, "up"], TestTimeouts.Long, environment: environment);
    }

    /// <summary>A configtx.yaml path as configtxgen resolves it: against the configtx folder.</summary>
    private static string Resolve(string configtxPath) => Path.GetFullPath(Path.Combine(TestNetworkPaths.ConfigtxDirectory, configtxPath));
}
