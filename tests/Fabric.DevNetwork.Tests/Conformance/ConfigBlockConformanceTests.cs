using Fabric.DevNetwork.Tests.Network.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using EtcdRaft = Hyperledger.Fabric.Protos.Orderer.EtcdRaft;

namespace Fabric.DevNetwork.Tests.Conformance;

/// <summary>
/// Block 0 against the block configtxgen made from the project's configtx.yaml on real Fabric
/// (../shared/fabric-reference/*-configtxgen-healthchannel-block0.pb), decoded with our protos.
/// </summary>
[Collection(DevNetworkCollection.Name)]
public sealed class ConfigBlockConformanceTests(DevNetworkFixture fixture)
{
    [Theory]
    [InlineData("v2.5.16-configtxgen-healthchannel-block0.pb")]
    [InlineData("v3.1.5-configtxgen-healthchannel-block0.pb")]
    public async Task ConfigBlock_SameGroupsValuesAndPoliciesAsConfigtxgen(string file)
    {
        var reference = ConfigOf(ReferenceBlock(file));
        var ours = ConfigOf(await OurBlockZeroAsync());

        Assert.Equal(reference.Sequence, ours.Sequence);
        var referenceShape = Shape(reference.ChannelGroup, "/Channel");
        var ourShape = Shape(ours.ChannelGroup, "/Channel");
        Assert.Equal(referenceShape.Where(l => !TouchedByClientReadAccess(l)), ourShape.Where(l => !TouchedByClientReadAccess(l)));

        // The reference predates configtx.yaml's client-read change: each organisation's old Readers rule
        // (admin, peer, client) is now its StatusReaders rule, and Readers keeps admin and peer.
        Assert.Equal(
            referenceShape.Where(l => l.StartsWith("policy /Channel/Application/", StringComparison.Ordinal) && l.Contains("/Readers ", StringComparison.Ordinal)).Select(l => l.Replace("/Readers ", "/StatusReaders ", StringComparison.Ordinal).Replace("implicit Any Readers", "implicit Any StatusReaders", StringComparison.Ordinal)),
            ourShape.Where(l => l.Contains("/StatusReaders ", StringComparison.Ordinal)));
        foreach (var org in new[] { "Org1MSP", "Org2MSP" })
        {
            Assert.Equal(
                [$"{org}.Admin", $"{org}.Peer"],
                Principals(ours.ChannelGroup.Groups["Application"].Groups[org].Policies["Readers"].Policy));
        }

        Assert.Contains("value /Channel/Application/ACLs mod=Admins", ourShape);
    }

    [Fact]
    public async Task ConfigBlock_AclsAndReadPoliciesAsConfigtxYaml()
    {
        var application = ConfigOf(await OurBlockZeroAsync()).ChannelGroup.Groups["Application"];
        var configtx = ConfigtxYaml.Load();

        var acls = ACLs.Parser.ParseFrom(application.Values["ACLs"].Value).Acls.ToDictionary(a => a.Key, a => a.Value.PolicyRef, StringComparer.Ordinal);
        Assert.Equal(configtx.Acls.OrderBy(a => a.Key, StringComparer.Ordinal), acls.OrderBy(a => a.Key, StringComparer.Ordinal));
        foreach (var org in new[] { "Org1MSP", "Org2MSP" })
        {
            foreach (var policy in new[] { "Readers", "StatusReaders", "Writers" })
            {
                Assert.Equal(configtx.SignedByRoles(org, policy), Principals(application.Groups[org].Policies[policy].Policy));
            }
        }

        Assert.Equal(configtx.ApplicationImplicitMeta("StatusReaders"), Describe(application.Policies["StatusReaders"].Policy));
    }

    /// <summary>The lines configtx.yaml's client-read change (ACLs, StatusReaders, narrower Readers) added or changed.</summary>
    private static bool TouchedByClientReadAccess(string line) =>
        line.Contains("/StatusReaders ", StringComparison.Ordinal)
        || line.StartsWith("value /Channel/Application/ACLs ", StringComparison.Ordinal)
        || (line.StartsWith("policy /Channel/Application/Org", StringComparison.Ordinal) && line.Contains("/Readers ", StringComparison.Ordinal));

    private static string[] Principals(Policy policy) =>
        [.. SignaturePolicyEnvelope.Parser.ParseFrom(policy.Value).Identities.Select(i =>
        {
            var role = MSPRole.Parser.ParseFrom(i.Principal);
            return $"{role.MspIdentifier}.{role.Role}";
        })];

    [Fact]
    public async Task ConfigBlock_EnvelopeAndHeaderLikeConfigtxgen()
    {
        var reference = ReferenceBlock("v2.5.16-configtxgen-healthchannel-block0.pb");
        var ours = await OurBlockZeroAsync();

        foreach (var block in new[] { reference, ours })
        {
            Assert.Equal(0UL, block.Header.Number);
            Assert.True(block.Header.PreviousHash.IsEmpty);
            var envelope = Envelope.Parser.ParseFrom(Assert.Single(block.Data.Data));
            Assert.True(envelope.Signature.IsEmpty);
            var payload = Payload.Parser.ParseFrom(envelope.Payload);
            Assert.Equal((int)HeaderType.Config, ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).Type);
            Assert.Equal("healthchannel", ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).ChannelId);
            var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
            Assert.True(signatureHeader.Creator.IsEmpty);
            Assert.False(signatureHeader.Nonce.IsEmpty);
        }
    }

    [Fact]
    public async Task ConfigBlock_ValuesDecodeToConfigtxgenSettings()
    {
        var reference = ConfigOf(ReferenceBlock("v2.5.16-configtxgen-healthchannel-block0.pb")).ChannelGroup;
        var ours = ConfigOf(await OurBlockZeroAsync()).ChannelGroup;

        Assert.Equal(Capabilities(reference), Capabilities(ours));
        Assert.Equal(Capabilities(reference.Groups["Application"]), Capabilities(ours.Groups["Application"]));
        Assert.Equal(Capabilities(reference.Groups["Orderer"]), Capabilities(ours.Groups["Orderer"]));
        Assert.Equal(Decode(reference, "HashingAlgorithm", HashingAlgorithm.Parser), Decode(ours, "HashingAlgorithm", HashingAlgorithm.Parser));
        Assert.Equal(Decode(reference, "BlockDataHashingStructure", BlockDataHashingStructure.Parser), Decode(ours, "BlockDataHashingStructure", BlockDataHashingStructure.Parser));

        var referenceOrderer = reference.Groups["Orderer"];
        var ourOrderer = ours.Groups["Orderer"];
        Assert.Equal(Decode(referenceOrderer, "BatchSize", BatchSize.Parser), Decode(ourOrderer, "BatchSize", BatchSize.Parser));
        Assert.Equal("500ms", Decode(ourOrderer, "BatchTimeout", BatchTimeout.Parser).Timeout); // the fixture's batch timeout
        Assert.Equal(Decode(referenceOrderer, "ChannelRestrictions", ChannelRestrictions.Parser), Decode(ourOrderer, "ChannelRestrictions", ChannelRestrictions.Parser));
        var referenceConsensus = Decode(referenceOrderer, "ConsensusType", ConsensusType.Parser);
        var ourConsensus = Decode(ourOrderer, "ConsensusType", ConsensusType.Parser);
        Assert.Equal("etcdraft", ourConsensus.Type);
        Assert.Equal(referenceConsensus.State, ourConsensus.State);
        var referenceRaft = EtcdRaft.ConfigMetadata.Parser.ParseFrom(referenceConsensus.Metadata);
        var ourRaft = EtcdRaft.ConfigMetadata.Parser.ParseFrom(ourConsensus.Metadata);
        Assert.Equal(referenceRaft.Options, ourRaft.Options);
        Assert.Equal(referenceRaft.Consenters.Select(c => (c.Host, c.Port)), ourRaft.Consenters.Select(c => (c.Host, c.Port)));
        Assert.All(ourRaft.Consenters, c => Assert.StartsWith("-----BEGIN CERTIFICATE-----", c.ServerTlsCert.ToStringUtf8(), StringComparison.Ordinal));
        Assert.Equal(
            Decode(referenceOrderer.Groups["OrdererOrg"], "Endpoints", OrdererAddresses.Parser),
            Decode(ourOrderer.Groups["OrdererOrg"], "Endpoints", OrdererAddresses.Parser));

        foreach (var org in new[] { "Org1MSP", "Org2MSP" })
        {
            var referenceOrg = reference.Groups["Application"].Groups[org];
            var ourOrg = ours.Groups["Application"].Groups[org];
            Assert.Equal(Decode(referenceOrg, "AnchorPeers", AnchorPeers.Parser), Decode(ourOrg, "AnchorPeers", AnchorPeers.Parser));
            AssertSameMspShape(Msp(referenceOrg), Msp(ourOrg));
            var ca = File.ReadAllText(fixture.Network.Crypto.GetOrganization(org).MspCaCertificatePath);
            Assert.Equal(ca, Assert.Single(Msp(ourOrg).RootCerts).ToStringUtf8());
        }

        AssertSameMspShape(Msp(referenceOrderer.Groups["OrdererOrg"]), Msp(ourOrderer.Groups["OrdererOrg"]));
    }

    private static void AssertSameMspShape(FabricMSPConfig reference, FabricMSPConfig ours)
    {
        Assert.Equal(reference.Name, ours.Name);
        Assert.Equal(reference.RootCerts.Count, ours.RootCerts.Count);
        Assert.Equal(reference.TlsRootCerts.Count, ours.TlsRootCerts.Count);
        Assert.Equal(reference.IntermediateCerts.Count, ours.IntermediateCerts.Count);
        Assert.Equal(reference.Admins.Count, ours.Admins.Count);
        Assert.Equal(reference.CryptoConfig, ours.CryptoConfig);
        Assert.Equal(reference.FabricNodeOus is null, ours.FabricNodeOus is null);
        if (ours.FabricNodeOus is { } nodeOus)
        {
            Assert.Equal(reference.FabricNodeOus!.Enable, nodeOus.Enable);
            Assert.Equal(
                OuNames(reference.FabricNodeOus),
                OuNames(nodeOus));
            Assert.Equal(ours.RootCerts[0], nodeOus.ClientOuIdentifier.Certificate);
        }
    }

    private static string[] OuNames(FabricNodeOUs ous) =>
        [ous.ClientOuIdentifier?.OrganizationalUnitIdentifier ?? "", ous.PeerOuIdentifier?.OrganizationalUnitIdentifier ?? "",
         ous.AdminOuIdentifier?.OrganizationalUnitIdentifier ?? "", ous.OrdererOuIdentifier?.OrganizationalUnitIdentifier ?? ""];

    /// <summary>Every group, value and policy by path, with mod policies and each policy's rule and principals.</summary>
    private static List<string> Shape(ConfigGroup group, string path)
    {
        var lines = new List<string> { $"group {path} mod={group.ModPolicy}" };
        lines.AddRange(group.Values.Select(v => $"value {path}/{v.Key} mod={v.Value.ModPolicy}"));
        lines.AddRange(group.Policies.Select(p => $"policy {path}/{p.Key} mod={p.Value.ModPolicy} {Describe(p.Value.Policy)}"));
        foreach (var (name, child) in group.Groups)
        {
            lines.AddRange(Shape(child, path + "/" + name));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Describe(Policy policy)
    {
        switch ((Policy.Types.PolicyType)policy.Type)
        {
            case Policy.Types.PolicyType.ImplicitMeta:
                var meta = ImplicitMetaPolicy.Parser.ParseFrom(policy.Value);
                return $"implicit {meta.Rule} {meta.SubPolicy}";
            case Policy.Types.PolicyType.Signature:
                var envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy.Value);
                var principals = envelope.Identities.Select(i =>
                {
                    var role = MSPRole.Parser.ParseFrom(i.Principal);
                    return $"{i.PrincipalClassification}:{role.MspIdentifier}.{role.Role}";
                });
                return $"signature v{envelope.Version} {envelope.Rule} [{string.Join(",", principals)}]";
            default:
                return "type " + policy.Type;
        }
    }

    private static string[] Capabilities(ConfigGroup group) =>
        [.. Decode(group, "Capabilities", Hyperledger.Fabric.Protos.Common.Capabilities.Parser).Capabilities_.Keys.Order(StringComparer.Ordinal)];

    private static FabricMSPConfig Msp(ConfigGroup org) => FabricMSPConfig.Parser.ParseFrom(Decode(org, "MSP", MSPConfig.Parser).Config);

    private static T Decode<T>(ConfigGroup group, string key, MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom(group.Values[key].Value);

    private static Config ConfigOf(Block block)
    {
        var payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
        return ConfigEnvelope.Parser.ParseFrom(payload.Data).Config;
    }

    private static Block ReferenceBlock(string file) =>
        Block.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file)));

    private async Task<Block> OurBlockZeroAsync() => (await fixture.Network.Ledger.GetBlockAsync(0).WithTimeout()).Block;
}
