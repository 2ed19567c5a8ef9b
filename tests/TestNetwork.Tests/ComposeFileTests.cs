using System.Text.Json;
using System.Text.RegularExpressions;
using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>The compose files on their own: images, names, ports, TLS and the ccaas builder.</summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] s_peers = ["peer0.org1.example.com", "peer0.org2.example.com"];
    private const string Orderer = "orderer.example.com";

    private static ComposeFile TestNet => ComposeFile.Load(TestNetworkPaths.ComposeTestNet);

    public static TheoryData<string> ComposeFiles =>
        [TestNetworkPaths.ComposeTestNet, TestNetworkPaths.ComposeCouch, TestNetworkPaths.ComposeChaincode, TestNetworkPaths.ComposeBft];

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public void Load_EachComposeFile_ParsesWithServices(string path)
    {
        var file = ComposeFile.Load(path);

        Assert.NotEmpty(file.Services);
        // The top-level `version` key is obsolete in Compose v2 and only produces a warning.
        Assert.Null(Yaml.LoadMapping(path).Get("version"));
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public void Images_EveryService_IsOfficialAndPinnedToARelease(string path)
    {
        foreach (var service in ComposeFile.Load(path).Services.Values.Where(s => s.Image is not null))
        {
            var (repository, tag) = SplitImage(service.Image!);
            Assert.NotEqual("latest", tag);
            if (service.BuildDockerfile is not null)
            {
                // Our own images: the chaincode (chaincode/Dockerfile, whose bases DockerfileTests checks)
                // and the BFT profile's 3.x tools (tools/Dockerfile, checked by BftNetworkTests).
                var dockerfile = Path.GetFullPath(Path.Combine(service.BuildContext!, service.BuildDockerfile));
                Assert.Contains(dockerfile, (string[])[TestNetworkPaths.Dockerfile, TestNetworkPaths.ToolsDockerfile]);
                Assert.Equal(dockerfile == TestNetworkPaths.Dockerfile ? TestNetworkPaths.Root : Path.GetDirectoryName(TestNetworkPaths.ToolsDockerfile), service.BuildContext);
                Assert.Matches(ReleaseTag(), tag);
                continue;
            }

            Assert.Contains(repository, (string[])["hyperledger/fabric-peer", "hyperledger/fabric-orderer", "hyperledger/fabric-tools", "couchdb"]);
            Assert.Matches(ReleaseTag(), tag);
        }
    }

    [Fact]
    public void Images_FabricVersionSetTo3x_MovesPeersAndOrdererButKeepsTools()
    {
        var environment = new Dictionary<string, string> { ["FABRIC_VERSION"] = "3.1.4" };

        var file = ComposeFile.Load(TestNetworkPaths.ComposeTestNet, environment);

        Assert.Equal("hyperledger/fabric-orderer:3.1.4", file.Services[Orderer].Image);
        Assert.All(s_peers, p => Assert.Equal("hyperledger/fabric-peer:3.1.4", file.Services[p].Image));
        // No fabric-tools image is published for 3.x; the tools container stays on 2.5.
        Assert.StartsWith("hyperledger/fabric-tools:2.5.", file.Services["tools"].Image, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_ContainerNameAndHostname_EqualServiceName()
    {
        foreach (var name in s_peers.Append(Orderer))
        {
            var service = TestNet.Services[name];
            Assert.Equal(name, service.ContainerName);
            Assert.Equal(name, service.Hostname);
        }
    }

    [Fact]
    public void Orderer_Tls_IsOnForClientsClusterAndAdmin()
    {
        var orderer = TestNet.Services[Orderer];

        Assert.Equal("true", orderer.Env("ORDERER_GENERAL_TLS_ENABLED"));
        Assert.Equal("true", orderer.Env("ORDERER_ADMIN_TLS_ENABLED"));
        Assert.Equal("true", orderer.Env("ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED"));
        Assert.Equal("none", orderer.Env("ORDERER_GENERAL_BOOTSTRAPMETHOD"));
        Assert.Equal("true", orderer.Env("ORDERER_CHANNELPARTICIPATION_ENABLED"));
        Assert.Equal(orderer.Env("ORDERER_GENERAL_TLS_CERTIFICATE"), orderer.Env("ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE"));
    }

    [Fact]
    public void Orderer_Ports_PublishListenerAndChannelParticipationAdmin()
    {
        var orderer = TestNet.Services[Orderer];

        Assert.Equal("7050", orderer.Env("ORDERER_GENERAL_LISTENPORT"));
        Assert.Equal("0.0.0.0:7053", orderer.Env("ORDERER_ADMIN_LISTENADDRESS"));
        Assert.Contains(new PortMapping("127.0.0.1", 7050, 7050), orderer.Ports);
        Assert.Contains(new PortMapping("127.0.0.1", 7053, 7053), orderer.Ports);
    }

    [Theory]
    [InlineData("peer0.org1.example.com", 7051, "Org1MSP")]
    [InlineData("peer0.org2.example.com", 9051, "Org2MSP")]
    public void Peer_Addresses_UseItsHostNameAndPublishedPort(string name, int port, string mspId)
    {
        var peer = TestNet.Services[name];

        Assert.Equal(mspId, peer.Env("CORE_PEER_LOCALMSPID"));
        Assert.Equal($"{name}:{port}", peer.Env("CORE_PEER_ADDRESS"));
        Assert.Equal($"0.0.0.0:{port}", peer.Env("CORE_PEER_LISTENADDRESS"));
        Assert.Equal($"{name}:{port}", peer.Env("CORE_PEER_GOSSIP_EXTERNALENDPOINT"));
        Assert.Equal($"{name}:{port}", peer.Env("CORE_PEER_GOSSIP_BOOTSTRAP"));
        Assert.Equal([new PortMapping("127.0.0.1", port, port)], peer.Ports);
        Assert.Equal("true", peer.Env("CORE_PEER_TLS_ENABLED"));
        Assert.Equal("true", peer.Env("CORE_PEER_GATEWAY_ENABLED"));
    }

    [Fact]
    public void Peers_ExternalBuilders_IncludeTheImagesCcaasBuilderWithItsConfigVariable()
    {
        foreach (var name in s_peers)
        {
            var peer = TestNet.Services[name];
            using var builders = JsonDocument.Parse(peer.Env("CORE_CHAINCODE_EXTERNALBUILDERS"));
            var ccaas = Assert.Single(builders.RootElement.EnumerateArray(), b => b.GetProperty("path").GetString() == "/opt/hyperledger/ccaas_builder");
            Assert.False(string.IsNullOrEmpty(ccaas.GetProperty("name").GetString()));
            Assert.Contains("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG", ccaas.GetProperty("propagateEnvironment").EnumerateArray().Select(e => e.GetString()));

            // The builder fails the install when this variable is set but is not a JSON object.
            using var config = JsonDocument.Parse(peer.Env("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG"));
            Assert.Equal(JsonValueKind.Object, config.RootElement.ValueKind);
        }
    }

    [Fact]
    public void Peers_Configuration_KeepsTheImagesCoreYaml()
    {
        // The peers rely on /etc/hyperledger/fabric/core.yaml from the image for every setting the
        // environment does not override; mounting over that folder would remove it.
        foreach (var name in s_peers)
        {
            var peer = TestNet.Services[name];
            Assert.DoesNotContain("FABRIC_CFG_PATH", peer.Environment.Keys);
            Assert.DoesNotContain(peer.Volumes, v => v.Target.TrimEnd('/') == "/etc/hyperledger/fabric");
        }
    }

    [Fact]
    public void Services_AllContainers_ShareTheNamedNetworkTheChaincodeJoins()
    {
        var testNet = TestNet;
        var chaincode = ComposeFile.Load(TestNetworkPaths.ComposeChaincode);
        var couch = ComposeFile.Load(TestNetworkPaths.ComposeCouch);

        var (name, external) = Assert.Single(testNet.Networks).Value;
        Assert.Equal("healthrecords_test", name);
        Assert.False(external);
        Assert.Equal(("healthrecords_test", true), Assert.Single(chaincode.Networks).Value);
        Assert.All(testNet.Services.Values, s => Assert.Equal(["fabric"], s.Networks));
        Assert.All(chaincode.Services.Values, s => Assert.Equal(["fabric"], s.Networks));
        Assert.All(couch.Services.Values.Where(s => s.Image is not null), s => Assert.Equal(["fabric"], s.Networks));
    }

    [Theory]
    [InlineData("peer0.org1.example.com", "couchdb0")]
    [InlineData("peer0.org2.example.com", "couchdb1")]
    public void CouchOverlay_EachPeer_UsesItsOwnCouchDbWithItsCredentials(string peerName, string couchName)
    {
        var couch = ComposeFile.Load(TestNetworkPaths.ComposeCouch);
        var peer = couch.Services[peerName];
        var database = couch.Services[couchName];

        Assert.Equal("CouchDB", peer.Env("CORE_LEDGER_STATE_STATEDATABASE"));
        Assert.Equal($"{database.ContainerName}:5984", peer.Env("CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS"));
        Assert.Equal(database.Env("COUCHDB_USER"), peer.Env("CORE_LEDGER_STATE_COUCHDBCONFIG_USERNAME"));
        Assert.Equal(database.Env("COUCHDB_PASSWORD"), peer.Env("CORE_LEDGER_STATE_COUCHDBCONFIG_PASSWORD"));
        Assert.True(TestNet.Services.ContainsKey(peerName), "the overlay must extend a service of compose-test-net.yaml");
    }

    private static (string Repository, string Tag) SplitImage(string image)
    {
        var colon = image.LastIndexOf(':');
        Assert.True(colon > image.LastIndexOf('/'), $"image '{image}' has no tag");
        return (image[..colon], image[(colon + 1)..]);
    }

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?$")]
    private static partial Regex ReleaseTag();
}
