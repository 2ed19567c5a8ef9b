using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Policies.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Conformance;

/// <summary>
/// The peers' block verifier against blocks real Fabric signed (../shared/fabric-reference): a Fabric 3.1.5
/// SmartBFT block signed by a quorum of consenters with identifier headers verifies against its BFT config block
/// (ConsenterMapping, V3_0 capability, BlockValidation = 3 of the 4 consenters' identities), and fails as
/// Fabric's policy fails ("signature set did not satisfy policy") with a signature fewer than the quorum, one
/// byte of the header changed, or a signer id the mapping does not hold; the etcdraft blocks of 2.5.16 and
/// 3.1.5 still verify against theirs.
/// </summary>
public sealed class BlockSignatureConformanceTests
{
    private const string BftConfig = "v3.1.5-orderer-bftchannel-block0.pb";
    private const string BftBlock = "v3.1.5-bftchannel-block232-addrecord.from-orderer1.pb";
    private const string PolicyFailure = "signature set did not satisfy policy";

    public static TheoryData<string, string> SignedBlocks => new()
    {
        { BftConfig, BftBlock },
        { "v3.1.5-peer-org1-bftchannel-block0.pb", "v3.1.5-bftchannel-block232-addrecord.from-peer-org1.pb" },
        { "v2.5.16-orderer-healthchannel-block0.pb", "v2.5.16-healthchannel-block1049-addrecord.from-orderer.pb" },
        { "v2.5.16-orderer-healthchannel-block0.pb", "v2.5.16-healthchannel-block1049-addrecord.from-peer-org1.pb" },
        { "v2.5.16-orderer-healthchannel-block0.pb", "v2.5.16-healthchannel-block1050-mvcc.from-peer-org1.pb" },
        { "v3.1.5-orderer-healthchannel-block0.pb", "v3.1.5-healthchannel-block439-addrecord.from-orderer.pb" },
        { "v3.1.5-orderer-healthchannel-block0.pb", "v3.1.5-healthchannel-block440-mvcc.from-peer-org1.pb" },
    };

    [Theory]
    [MemberData(nameof(SignedBlocks))]
    public void Check_RealFabricBlock_VerifiesAgainstItsConfigBlock(string configFile, string blockFile)
    {
        var config = ConfigOf(configFile);

        Assert.Null(Verifier(config).Check(Reference(blockFile), previousHash: null));
    }

    [Fact]
    public void Check_BftBlock_IsSignedByAQuorumOfIdentifierHeaders()
    {
        // what the other tests rely on: 3 of 4 consenters, each named by an identifier header only
        var signatures = Signatures(Reference(BftBlock));

        Assert.Equal(3, signatures.Signatures.Count);
        Assert.All(signatures.Signatures, s => Assert.True(s.SignatureHeader.IsEmpty && !s.IdentifierHeader.IsEmpty));
        Assert.Equal([2u, 3u, 1u], signatures.Signatures.Select(s => IdentifierHeader.Parser.ParseFrom(s.IdentifierHeader).Identifier));
        Assert.Null(BftConsenters.FromConfig(ConfigOf("v3.1.5-orderer-healthchannel-block0.pb")));
    }

    [Fact]
    public void Check_BftBlockWithSignaturesBelowQuorum_RefusedByTheBlockValidationPolicy()
    {
        var block = Reference(BftBlock);
        var signatures = Signatures(block);
        signatures.Signatures.RemoveAt(2);
        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = signatures.ToByteString();

        var refusal = Verifier(ConfigOf(BftConfig)).Check(block, previousHash: null);

        Assert.NotNull(refusal);
        Assert.EndsWith($"(2 valid): {PolicyFailure}", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BftBlockWithOneHeaderByteAltered_NoSignatureVerifies()
    {
        var block = Reference(BftBlock);
        var previous = block.Header.PreviousHash.ToByteArray();
        previous[7] ^= 0x01;
        block.Header.PreviousHash = ByteString.CopyFrom(previous);

        var refusal = Verifier(ConfigOf(BftConfig)).Check(block, previousHash: null);

        Assert.NotNull(refusal);
        Assert.EndsWith($"(0 valid): {PolicyFailure}", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BftBlockSignedByAnIdentifierOutsideTheConsenterMapping_ThatSignatureCountsForNothing()
    {
        // consenter 1 signed block 232; a config whose mapping lacks id 1 cannot name that signer
        var config = ConfigOf(BftConfig);
        var orderer = config.ChannelGroup.Groups["Orderer"];
        var mapping = Orderers.Parser.ParseFrom(orderer.Values["Orderers"].Value);
        Assert.Equal(1, mapping.ConsenterMapping.Count(c => c.Id == 1));
        var withoutOne = new Orderers { ConsenterMapping = { mapping.ConsenterMapping.Where(c => c.Id != 1) } };
        orderer.Values["Orderers"].Value = withoutOne.ToByteString();

        var refusal = Verifier(config).Check(Reference(BftBlock), previousHash: null);

        Assert.NotNull(refusal);
        Assert.EndsWith($"(2 valid): {PolicyFailure}", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BftBlockOnAChannelWithoutTheV3Capability_IdentifierHeadersAreNotLookedUp()
    {
        // Fabric looks consenters up by id only when the channel capabilities enable BFT
        var config = ConfigOf(BftConfig);
        config.ChannelGroup.Values["Capabilities"].Value = new Capabilities { Capabilities_ = { ["V2_0"] = new Capability() } }.ToByteString();

        var refusal = Verifier(config).Check(Reference(BftBlock), previousHash: null);

        Assert.NotNull(refusal);
        Assert.EndsWith($"(0 valid): {PolicyFailure}", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BftBlockWithAnUndecodableIdentifierHeader_RefusedAsFabricRefusesIt()
    {
        var block = Reference(BftBlock);
        var signatures = Signatures(block);
        signatures.Signatures[0].IdentifierHeader = ByteString.CopyFrom(0x0a, 0xff);
        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = signatures.ToByteString();

        var refusal = Verifier(ConfigOf(BftConfig)).Check(block, previousHash: null);

        Assert.Equal("failed unmarshalling identifier header for block 232", refusal);
    }

    private static BlockSignatureVerifier Verifier(Config config) =>
        new("reference", Msps(config), MspHashFamily.Sha2, ChannelPolicyTree.FromConfig(config), TimeProvider.System, BftConsenters.FromConfig(config));

    // every organisation's MSP in the config, application and orderer alike, as a peer's MSP manager holds them
    private static List<MspVerifier> Msps(Config config)
    {
        var msps = new List<MspVerifier>();
        foreach (var section in new[] { "Application", "Orderer" })
        {
            foreach (var org in config.ChannelGroup.Groups[section].Groups.Values)
            {
                var msp = FabricMSPConfig.Parser.ParseFrom(MSPConfig.Parser.ParseFrom(org.Values["MSP"].Value).Config);
                msps.Add(new MspVerifier(
                    msp.Name,
                    msp.RootCerts.Select(c => X509Certificate2.CreateFromPem(c.ToStringUtf8())),
                    msp.IntermediateCerts.Select(c => X509Certificate2.CreateFromPem(c.ToStringUtf8())),
                    msp.FabricNodeOus?.Enable == true ? NodeOUSettings.Default : NodeOUSettings.Disabled));
            }
        }

        return msps;
    }

    private static Config ConfigOf(string file)
    {
        var envelope = Envelope.Parser.ParseFrom(Reference(file).Data.Data[0]);
        return ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(envelope.Payload).Data).Config;
    }

    private static Metadata Signatures(Block block) => Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);

    private static Block Reference(string file) =>
        Block.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file)));
}
