using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Policies.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using ImplicitMetaPolicy = Hyperledger.Fabric.Protos.Common.ImplicitMetaPolicy;

namespace Fabric.DevNetwork.Tests.Policies;

/// <summary>
/// The channel policy evaluator over a config tree of three organisations A, B and C: ImplicitMeta
/// ANY / ALL / MAJORITY over the sub-groups' policies, signature policies over MSP roles, each signer
/// satisfying one principal at most.
/// </summary>
public sealed class ChannelPolicyTreeTests
{
    private static readonly ChannelPolicyTree s_tree = ChannelPolicyTree.FromConfig(Config());

    /// <summary>Signers are <c>Msp.role</c> or <c>Msp.role=key</c>; the same key is the same identity.</summary>
    [Theory]
    [InlineData("/Channel/Application/Writers", "A.client", null)]
    [InlineData("/Channel/Application/Writers", "B.admin", null)]
    [InlineData("/Channel/Application/Writers", "A.peer", "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied")]
    [InlineData("/Channel/Application/Writers", "", "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied")]
    [InlineData("/Channel/Writers", "C.client", null)]
    [InlineData("/Channel/Writers", "C.peer", "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied")]
    [InlineData("Application/Writers", "C.admin", null)]
    [InlineData("/Channel/Application/Endorsement", "A.peer,C.peer", null)]
    [InlineData("/Channel/Application/Endorsement", "A.peer", "implicit policy evaluation failed - 1 sub-policies were satisfied, but this policy requires 2 of the 'Endorsement' sub-policies to be satisfied")]
    [InlineData("/Channel/Application/Endorsement", "A.peer,A.peer=2,B.client", "implicit policy evaluation failed - 1 sub-policies were satisfied, but this policy requires 2 of the 'Endorsement' sub-policies to be satisfied")]
    [InlineData("/Channel/Application/Readers", "A.client,B.peer,C.admin", null)]
    [InlineData("/Channel/Application/Readers", "A.client,B.peer", "implicit policy evaluation failed - 2 sub-policies were satisfied, but this policy requires 3 of the 'Readers' sub-policies to be satisfied")]
    [InlineData("/Channel/Application/Admins", "B.admin,C.admin", null)]
    [InlineData("/Channel/Application/Admins", "A.admin,A.client", "implicit policy evaluation failed - 1 sub-policies were satisfied, but this policy requires 2 of the 'Admins' sub-policies to be satisfied")]
    [InlineData("/Channel/Application/A/Pair", "A.client=1,A.peer=2", null)]
    [InlineData("/Channel/Application/A/Pair", "A.client=1,A.client=1", "signature set did not satisfy policy")]
    [InlineData("/Channel/Application/A/ClientAndMember", "A.client", "signature set did not satisfy policy")]
    [InlineData("/Channel/Application/A/ClientAndMember", "A.peer,A.client", null)]
    [InlineData("/Channel/Application/A/ClientAndMember", "A.client=1,A.client=2", null)]
    [InlineData("/Channel/Application/A/Writers", "B.client", "signature set did not satisfy policy")]
    [InlineData("/Channel/Empty/Anything", "", null)]
    [InlineData("/Channel/Application/Missing", "A.admin", "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Nowhere' sub-policies to be satisfied")]
    [InlineData("/Channel/Application/Nope", "A.admin", "policy /Channel/Application/Nope not found")]
    public void Evaluate_PolicyAndSigners_AsFabric(string path, string signers, string? failure)
    {
        var evaluation = s_tree.Evaluate(path, Signers(signers));

        Assert.Equal(failure, evaluation.Failure);
        Assert.Equal(failure is null, evaluation.IsSatisfied);
    }

    [Fact]
    public void ChannelPolicyReference_AsEndorsementPolicy_FollowsTheTree()
    {
        var endorsement = new ChannelPolicyReference(s_tree, "Application/Endorsement");

        Assert.Equal(["A", "B"], endorsement.FindEndorsingOrganizations(["A", "B", "C"], ["A", "B", "C"]));
        Assert.False(endorsement.IsSatisfiedBy(Signers("C.peer"), []));
    }

    [Fact]
    public void FromConfig_UnknownPolicyType_ThrowsFormatException()
    {
        var config = new Config { ChannelGroup = new ConfigGroup() };
        config.ChannelGroup.Policies["Odd"] = new ConfigPolicy { Policy = new Policy { Type = (int)Policy.Types.PolicyType.Msp } };

        Assert.Throws<FormatException>(() => ChannelPolicyTree.FromConfig(config));
    }

    [Fact]
    public void SignaturePolicyWriter_PolicyText_RoundTripsThroughTheEnvelope()
    {
        var envelope = SignaturePolicyWriter.Write(EndorsementPolicy.Parse("OR('A.admin', AND('A.peer', 'B.client'))"));

        Assert.Equal(3, envelope.Identities.Count);
        Assert.Equal(2, envelope.Rule.NOutOf.Rules.Count);
        var back = EndorsementPolicy.FromSignaturePolicyEnvelope(envelope);
        Assert.True(back.IsSatisfiedBy(Signers("A.peer,B.client"), []));
        Assert.False(back.IsSatisfiedBy(Signers("A.peer,B.peer"), []));
    }

    private static PolicyIdentity[] Signers(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select((s, i) =>
        {
            var (identity, key) = s.Contains('=') ? (s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..]) : (s, $"{s}#{i}");
            var msp = identity[..identity.IndexOf('.')];
            var role = Enum.Parse<PrincipalRole>(identity[(identity.IndexOf('.') + 1)..], ignoreCase: true);
            return new PolicyIdentity(msp, new HashSet<PrincipalRole> { PrincipalRole.Member, role }, msp + "/" + key);
        }).ToArray();

    private static Config Config()
    {
        var application = Group(new()
        {
            ["Writers"] = Meta("Writers", ImplicitMetaPolicy.Types.Rule.Any),
            ["Readers"] = Meta("Readers", ImplicitMetaPolicy.Types.Rule.All),
            ["Admins"] = Meta("Admins", ImplicitMetaPolicy.Types.Rule.Majority),
            ["Endorsement"] = Meta("Endorsement", ImplicitMetaPolicy.Types.Rule.Majority),
            ["Missing"] = Meta("Nowhere", ImplicitMetaPolicy.Types.Rule.Any),
        });
        foreach (var org in new[] { "A", "B", "C" })
        {
            application.Groups[org] = Group(new()
            {
                ["Writers"] = Signature($"OR('{org}.admin', '{org}.client')"),
                ["Readers"] = Signature($"OR('{org}.member')"),
                ["Admins"] = Signature($"OR('{org}.admin')"),
                ["Endorsement"] = Signature($"OR('{org}.peer')"),
                ["Pair"] = Signature($"OutOf(2, '{org}.member', '{org}.member')"),
                ["ClientAndMember"] = Signature($"AND('{org}.client', '{org}.member')"),
            });
        }

        var channel = Group(new()
        {
            ["Writers"] = Meta("Writers", ImplicitMetaPolicy.Types.Rule.Any),
        });
        channel.Groups["Application"] = application;
        channel.Groups["Empty"] = Group(new() { ["Anything"] = Meta("Anything", ImplicitMetaPolicy.Types.Rule.All) });
        return new Config { ChannelGroup = channel };
    }

    private static ConfigGroup Group(Dictionary<string, ConfigPolicy> policies)
    {
        var group = new ConfigGroup();
        group.Policies.Add(policies);
        return group;
    }

    private static ConfigPolicy Meta(string subPolicy, ImplicitMetaPolicy.Types.Rule rule) => new()
    {
        Policy = new Policy { Type = (int)Policy.Types.PolicyType.ImplicitMeta, Value = new ImplicitMetaPolicy { SubPolicy = subPolicy, Rule = rule }.ToByteString() },
    };

    private static ConfigPolicy Signature(string text) => new()
    {
        Policy = new Policy { Type = (int)Policy.Types.PolicyType.Signature, Value = SignaturePolicyWriter.Write(EndorsementPolicy.Parse(text)).ToByteString() },
    };
}
