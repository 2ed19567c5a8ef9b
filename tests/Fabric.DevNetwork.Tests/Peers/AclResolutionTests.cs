using Fabric.DevNetwork.Peers.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Tests.Peers;

/// <summary>How the peer resolves a resource to a policy from a config's <c>ACLs</c> value, as Fabric's ACL providers do.</summary>
public sealed class AclResolutionTests
{
    [Fact]
    public void Resolve_RelativePolicyReference_QualifiedUnderApplication()
    {
        var acls = ChannelAcls.FromConfig(ConfigWith(("event/Block", "StatusReaders")));

        Assert.Equal(new AclPolicy("/Channel/Application/StatusReaders", FromConfig: true), acls.Resolve("event/Block"));
    }

    [Fact]
    public void Resolve_AbsolutePolicyReference_KeptAsIs()
    {
        var acls = ChannelAcls.FromConfig(ConfigWith(("gateway/CommitStatus", "/Channel/Readers")));

        Assert.Equal(new AclPolicy("/Channel/Readers", FromConfig: true), acls.Resolve("gateway/CommitStatus"));
    }

    [Theory]
    [InlineData("peer/Propose", "/Channel/Application/Writers")]
    [InlineData("event/FilteredBlock", "/Channel/Application/Readers")]
    [InlineData("gateway/CommitStatus", "/Channel/Application/Readers")]
    [InlineData("qscc/GetChainInfo", "/Channel/Application/Readers")]
    public void Resolve_ResourceMissingFromTheValue_FabricsDefault(string resource, string expected)
    {
        var acls = ChannelAcls.FromConfig(ConfigWith(("event/Block", "StatusReaders")));

        Assert.Equal(new AclPolicy(expected, FromConfig: false), acls.Resolve(resource));
    }

    [Fact]
    public void Resolve_ConfigWithoutAclsValue_FabricsDefaults()
    {
        var acls = ChannelAcls.FromConfig(new Config { ChannelGroup = new ConfigGroup { Groups = { ["Application"] = new ConfigGroup() } } });

        Assert.Equal(new AclPolicy("/Channel/Application/Readers", FromConfig: false), acls.Resolve("event/Block"));
    }

    [Fact]
    public void Resolve_ResourceNeitherListedNorDefaulted_UnmappedPolicy()
    {
        var acls = ChannelAcls.FromConfig(ConfigWith());

        var error = Assert.Throws<InvalidOperationException>(() => acls.Resolve("peer/NoSuchThing"));

        Assert.Equal("Unmapped policy for peer/NoSuchThing", error.Message);
    }

    [Fact]
    public void Refusal_ConfigNamedPolicy_ResourceProvidersText_DefaultPolicy_PolicyCheckersText()
    {
        var fromConfig = new AclPolicy("/Channel/Application/Readers", FromConfig: true);
        var fromDefault = new AclPolicy("/Channel/Application/Readers", FromConfig: false);

        Assert.Equal("failed evaluating policy on signed data during check policy [/Channel/Application/Readers]: [why]", fromConfig.Refusal("ch", "why"));
        Assert.Equal("Failed evaluating policy on signed data during check policy on channel [ch] with policy [/Channel/Application/Readers]: [why]", fromDefault.Refusal("ch", "why"));
    }

    [Fact]
    public void FromConfig_UndecodableAclsValue_FormatException()
    {
        var config = ConfigWith();
        config.ChannelGroup.Groups["Application"].Values["ACLs"].Value = ByteString.CopyFrom(0xff, 0xff, 0xff);

        Assert.Throws<FormatException>(() => ChannelAcls.FromConfig(config));
    }

    private static Config ConfigWith(params (string Resource, string Policy)[] entries)
    {
        var acls = ChannelAcls.ToConfigValue(entries.ToDictionary(e => e.Resource, e => e.Policy, StringComparer.Ordinal));
        var application = new ConfigGroup { Values = { ["ACLs"] = new ConfigValue { Value = acls.ToByteString() } } };
        return new Config { ChannelGroup = new ConfigGroup { Groups = { ["Application"] = application } } };
    }
}
