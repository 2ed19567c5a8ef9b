using Fabric.DevNetwork.Policies;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Tests.Policies;

public sealed class EndorsementPolicyTests
{
    private static readonly string[] Channel = ["Org1MSP", "Org2MSP", "Org3MSP"];

    [Theory]
    [InlineData("AND('Org1MSP.peer','Org2MSP.peer')", "Org1MSP,Org2MSP", true)]
    [InlineData("AND('Org1MSP.peer','Org2MSP.peer')", "Org1MSP", false)]
    [InlineData("OR('Org1MSP.peer', 'Org2MSP.peer')", "Org2MSP", true)]
    [InlineData("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')", "Org1MSP,Org3MSP", true)]
    [InlineData("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')", "Org3MSP", false)]
    [InlineData("and('Org1MSP.member', or('Org2MSP.peer', 'Org3MSP.peer'))", "Org1MSP,Org3MSP", true)]
    [InlineData("MAJORITY", "Org1MSP,Org2MSP", true)]
    [InlineData("MAJORITY Endorsement", "Org1MSP", false)]
    [InlineData("ANY Endorsement", "Org3MSP", true)]
    [InlineData("ALL", "Org1MSP,Org2MSP", false)]
    public void IsSatisfiedBy_PeerSigners_MatchesFabricSemantics(string text, string signerOrgs, bool expected)
    {
        var policy = EndorsementPolicy.Parse(text);

        Assert.Equal(expected, policy.IsSatisfiedBy(signerOrgs.Split(',').Select(m => Peer(m, m)), Channel));
    }

    [Fact]
    public void IsSatisfiedBy_SameSignerTwice_CountsOnce()
    {
        var policy = EndorsementPolicy.Parse("OutOf(2, 'Org1MSP.peer', 'Org1MSP.peer')");

        Assert.False(policy.IsSatisfiedBy([Peer("Org1MSP", "same"), Peer("Org1MSP", "same")], Channel));
        Assert.True(policy.IsSatisfiedBy([Peer("Org1MSP", "a"), Peer("Org1MSP", "b")], Channel));
    }

    [Fact]
    public void IsSatisfiedBy_PeerPrincipalWithClientSigner_IsFalse()
    {
        var client = new PolicyIdentity("Org1MSP", new HashSet<PrincipalRole> { PrincipalRole.Member, PrincipalRole.Client }, "c");

        Assert.False(EndorsementPolicy.Parse("OR('Org1MSP.peer')").IsSatisfiedBy([client], Channel));
        Assert.True(EndorsementPolicy.Parse("OR('Org1MSP.member')").IsSatisfiedBy([client], Channel));
    }

    [Theory]
    [InlineData("AND('Org1MSP.peer'")]
    [InlineData("XOR('Org1MSP.peer')")]
    [InlineData("OR('Org1MSP.boss')")]
    [InlineData("OutOf(3, 'A.peer', 'B.peer')")]
    [InlineData("OR('Org1MSP')")]
    [InlineData("")]
    public void Parse_InvalidText_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => EndorsementPolicy.Parse(text));
    }

    [Fact]
    public void FindEndorsingOrganizations_AndOfTwo_ReturnsBoth()
    {
        var policy = EndorsementPolicy.Parse("AND('Org1MSP.peer','Org2MSP.peer')");

        Assert.Equal(["Org1MSP", "Org2MSP"], policy.FindEndorsingOrganizations(Channel, Channel));
        Assert.Null(policy.FindEndorsingOrganizations(["Org1MSP", "Org3MSP"], Channel));
    }

    [Fact]
    public void FindEndorsingOrganizations_Majority_ReturnsSmallestSetInPreferenceOrder()
    {
        Assert.Equal(["Org2MSP", "Org3MSP"], EndorsementPolicy.Majority.FindEndorsingOrganizations(["Org2MSP", "Org3MSP", "Org1MSP"], Channel));
    }

    [Fact]
    public void FromSignaturePolicyEnvelope_TwoOfTwoRoles_RequiresBoth()
    {
        var envelope = new SignaturePolicyEnvelope
        {
            Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 2, Rules = { new SignaturePolicy { SignedBy = 0 }, new SignaturePolicy { SignedBy = 1 } } } },
            Identities = { Role("Org1MSP", MSPRole.Types.MSPRoleType.Peer), Role("Org2MSP", MSPRole.Types.MSPRoleType.Member) },
        };

        var policy = EndorsementPolicy.FromSignaturePolicyEnvelope(envelope);

        Assert.True(policy.IsSatisfiedBy([Peer("Org1MSP", "1"), Peer("Org2MSP", "2")], Channel));
        Assert.False(policy.IsSatisfiedBy([Peer("Org1MSP", "1")], Channel));
    }

    private static PolicyIdentity Peer(string mspId, string key) =>
        new(mspId, new HashSet<PrincipalRole> { PrincipalRole.Member, PrincipalRole.Peer }, key);

    private static MSPPrincipal Role(string mspId, MSPRole.Types.MSPRoleType role) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.Role,
        Principal = new MSPRole { MspIdentifier = mspId, Role = role }.ToByteString(),
    };
}
