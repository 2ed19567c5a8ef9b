using Fabric.CryptoGen;
using TestNetwork.Tests.Infrastructure;
using TestSupport;
using YamlDotNet.RepresentationModel;

namespace TestNetwork.Tests;

/// <summary>configtx.yaml against the compose file, crypto-config.yaml and the generated material.</summary>
[Collection(GeneratedCryptoCollection.Name)]
public sealed class ConfigtxTests(GeneratedCryptoFixture crypto)
{
    private static YamlMappingNode Configtx => Yaml.LoadMapping(TestNetworkPaths.Configtx);

    private static ComposeFile TestNet => ComposeFile.Load(TestNetworkPaths.ComposeTestNet);

    private static IEnumerable<YamlMappingNode> Organizations =>
        Configtx.Sequence("Organizations").Children.Cast<YamlMappingNode>();

    [Fact]
    public void Profile_HealthChannel_OrdersWithOrdererMspAndTransactsWithBothPeerOrganisations()
    {
        var profile = Configtx.Mapping("Profiles").Mapping("HealthChannel");

        var ordererOrgs = profile.Mapping("Orderer").Sequence("Organizations").Children.Cast<YamlMappingNode>().Select(o => o.Scalar("ID"));
        var applicationOrgs = profile.Mapping("Application").Sequence("Organizations").Children.Cast<YamlMappingNode>().Select(o => o.Scalar("ID"));
        Assert.Equal(["OrdererMSP"], ordererOrgs);
        Assert.Equal(["Org1MSP", "Org2MSP"], applicationOrgs);
        Assert.Equal("etcdraft", Configtx.Mapping("Orderer").Scalar("OrdererType"));
    }

    [Fact]
    public void MspDirs_ResolvedAgainstConfigtxFolder_ExistInGeneratedMaterialWithCaAndTlsCaCertificates()
    {
        foreach (var organization in Organizations)
        {
            var mspDir = crypto.Map(Path.Combine(TestNetworkPaths.ConfigtxDirectory, organization.Scalar("MSPDir")));

            Assert.True(Directory.Exists(mspDir), $"{organization.Scalar("ID")}: {mspDir} missing");
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(mspDir, "cacerts")));
            // Peers and the Gateway trust each other's TLS certificates through these.
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(mspDir, "tlscacerts")));
        }
    }

    [Fact]
    public void MspIds_AgreeWithCryptoConfigForTheSameFolder()
    {
        foreach (var organization in Organizations)
        {
            var mspDir = crypto.Map(Path.Combine(TestNetworkPaths.ConfigtxDirectory, organization.Scalar("MSPDir")));
            var generated = Assert.Single(crypto.Material.Organizations, o => o.MspDirectory == Path.GetFullPath(mspDir));

            Assert.Equal(generated.MspId, organization.Scalar("ID"));
            if (!generated.IsOrdererOrg)
            {
                // checkcommitreadiness reports approvals by organisation name, and deploy-chaincode
                // looks them up by MSP ID: the two must be the same.
                Assert.Equal(generated.MspId, organization.Scalar("Name"));
            }
        }

        var config = CryptoConfig.Load(TestNetworkPaths.CryptoConfig);
        // The ordering organisation appears twice, once per profile (one orderer, or four BFT consenters).
        Assert.Equal(config.AllOrganizations().Count(), Organizations.Select(o => o.Scalar("ID")).Distinct().Count());
    }

    [Fact]
    public void Policies_EachOrganisation_NamesOnlyItsOwnMsp()
    {
        foreach (var organization in Organizations)
        {
            var id = organization.Scalar("ID");
            foreach (var (_, policy) in organization.Mapping("Policies").Entries())
            {
                var rule = ((YamlMappingNode)policy).Scalar("Rule");
                var principals = rule.Split('\'').Where((_, i) => i % 2 == 1).ToList();
                Assert.NotEmpty(principals);
                Assert.All(principals, p => Assert.StartsWith(id + ".", p, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Consenters_MatchTheOrdererContainerAndTheCertificateItServes()
    {
        var orderer = TestNet.Services["orderer.example.com"];
        var consenter = Assert.Single(Configtx.Mapping("Orderer").Mapping("EtcdRaft").Sequence("Consenters").Children.Cast<YamlMappingNode>());
        var servedCertificate = orderer.Volumes.Single(v => v.Target == "/var/hyperledger/orderer/tls").Source;

        Assert.Equal(orderer.ContainerName, consenter.Scalar("Host"));
        Assert.Equal(orderer.Env("ORDERER_GENERAL_LISTENPORT"), consenter.Scalar("Port"));
        foreach (var key in new[] { "ClientTLSCert", "ServerTLSCert" })
        {
            var path = Path.GetFullPath(Path.Combine(TestNetworkPaths.ConfigtxDirectory, consenter.Scalar(key)));
            Assert.Equal(Path.Combine(servedCertificate, "server.crt"), path);
            Assert.True(File.Exists(crypto.Map(path)));
        }
    }

    [Fact]
    public void OrdererEndpoints_NameTheOrdererListener()
    {
        var orderer = TestNet.Services["orderer.example.com"];
        var ordererOrg = Assert.Single(Configtx.Mapping("Profiles").Mapping("HealthChannel").Mapping("Orderer").Sequence("Organizations").Children.Cast<YamlMappingNode>());

        var endpoint = Assert.Single(ordererOrg.Sequence("OrdererEndpoints").Children.Cast<YamlScalarNode>()).Value;
        Assert.Equal($"{orderer.ContainerName}:{orderer.Env("ORDERER_GENERAL_LISTENPORT")}", endpoint);
        Assert.Equal(orderer.Env("ORDERER_GENERAL_LOCALMSPID"), ordererOrg.Scalar("ID"));
    }

    [Theory]
    [InlineData("Org1MSP")]
    [InlineData("Org2MSP")]
    public void AnchorPeer_IsThePeerOfThatOrganisationAtItsAddress(string mspId)
    {
        var organization = Organizations.Single(o => o.Scalar("ID") == mspId);
        var anchor = Assert.Single(organization.Sequence("AnchorPeers").Children.Cast<YamlMappingNode>());
        var peer = Assert.Single(TestNet.Services.Values, s => s.Environment.GetValueOrDefault("CORE_PEER_LOCALMSPID") == mspId);

        Assert.Equal(peer.Env("CORE_PEER_ADDRESS"), $"{anchor.Scalar("Host")}:{anchor.Scalar("Port")}");
    }
}
