using System.Globalization;
using Fabric.CryptoGen;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Peers.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;
using EtcdRaft = Hyperledger.Fabric.Protos.Orderer.EtcdRaft;

namespace Fabric.DevNetwork.Configuration;

/// <summary>
/// The channel configuration block 0 carries, laid out as configtxgen lays out the HealthChannel profile of
/// network/test-network/configtx/configtx.yaml: /Channel with the Application group (one group per
/// organisation with its MSP and anchor peer) and the Orderer group (etcdraft, batch settings, OrdererOrg),
/// the Readers/StatusReaders/Writers/Admins/Endorsement/LifecycleEndorsement policies, the Application's ACLs
/// and the V2_0/V2_0/V2_5 capabilities.
/// </summary>
internal static class ChannelConfigBuilder
{
    private const string Admins = "Admins";
    private const string OrdererPort = "7050";
    private const int FirstPeerPort = 7051;

    /// <summary>
    /// The configuration for <paramref name="crypto"/>'s organisations and <paramref name="batch"/>, with the
    /// Application and organisation policies of <paramref name="application"/> and <paramref name="organizations"/>
    /// where they differ from configtx.yaml's.
    /// </summary>
    /// <exception cref="FormatException">A policy text is malformed or of the wrong kind.</exception>
    /// <exception cref="ArgumentException">Policies name an organisation the network does not have.</exception>
    public static Config Build(
        CryptoMaterial crypto,
        BatchOptions batch,
        ApplicationPolicyOptions? application = null,
        IReadOnlyDictionary<string, OrganizationPolicyOptions>? organizations = null)
    {
        application ??= new ApplicationPolicyOptions();
        organizations ??= new Dictionary<string, OrganizationPolicyOptions>();
        var peerOrgs = crypto.PeerOrganizations.ToList();
        var unknown = organizations.Keys.FirstOrDefault(m => !peerOrgs.Any(o => o.MspId == m));
        if (unknown is not null)
        {
            throw new ArgumentException($"policies are given for organisation {unknown}, which the network does not have", nameof(organizations));
        }

        var applicationGroup = Group(
            values: new() { ["ACLs"] = Value(ChannelAcls.ToConfigValue(application.Acls ?? ChannelAcls.ConfigtxResources)), ["Capabilities"] = Value(CapabilitySet("V2_5")) },
            policies: new()
            {
                [Admins] = ApplicationPolicy(application.Admins, "MAJORITY Admins"),
                ["Endorsement"] = ApplicationPolicy(application.Endorsement, "MAJORITY Endorsement"),
                ["LifecycleEndorsement"] = ApplicationPolicy(application.LifecycleEndorsement, "MAJORITY Endorsement"),
                ["Readers"] = ApplicationPolicy(application.Readers, "ANY Readers"),
                ["StatusReaders"] = ApplicationPolicy(application.StatusReaders, "ANY StatusReaders"),
                ["Writers"] = ApplicationPolicy(application.Writers, "ANY Writers"),
            });
        for (var i = 0; i < peerOrgs.Count; i++)
        {
            applicationGroup.Groups[peerOrgs[i].MspId] = PeerOrganization(
                peerOrgs[i], FirstPeerPort + (2000 * i), organizations.GetValueOrDefault(peerOrgs[i].MspId) ?? new OrganizationPolicyOptions());
        }

        var ordererOrg = crypto.Organizations.First(o => o.IsOrdererOrg);
        var orderer = Group(
            values: new()
            {
                ["BatchSize"] = Value(new BatchSize
                {
                    MaxMessageCount = (uint)batch.MaxMessageCount,
                    AbsoluteMaxBytes = (uint)batch.AbsoluteMaxBytes,
                    PreferredMaxBytes = (uint)batch.PreferredMaxBytes,
                }),
                ["BatchTimeout"] = Value(new BatchTimeout { Timeout = GoDuration(batch.BatchTimeout) }),
                ["Capabilities"] = Value(CapabilitySet("V2_0")),
                ["ChannelRestrictions"] = Value(new ChannelRestrictions()),
                ["ConsensusType"] = Value(new ConsensusType { Type = "etcdraft", Metadata = RaftMetadata(ordererOrg).ToByteString() }),
            },
            policies: new()
            {
                [Admins] = ImplicitMeta(Admins, ImplicitMetaPolicy.Types.Rule.Majority),
                ["BlockValidation"] = ImplicitMeta("Writers", ImplicitMetaPolicy.Types.Rule.Any),
                ["Readers"] = ImplicitMeta("Readers", ImplicitMetaPolicy.Types.Rule.Any),
                ["Writers"] = ImplicitMeta("Writers", ImplicitMetaPolicy.Types.Rule.Any),
            });
        orderer.Groups["OrdererOrg"] = Group(
            values: new()
            {
                ["Endpoints"] = Value(new OrdererAddresses { Addresses = { OrdererAddress(ordererOrg) } }),
                ["MSP"] = Value(Msp(ordererOrg)),
            },
            policies: new()
            {
                [Admins] = SignedBy(ordererOrg.MspId, MSPRole.Types.MSPRoleType.Admin),
                ["Readers"] = SignedBy(ordererOrg.MspId, MSPRole.Types.MSPRoleType.Member),
                ["Writers"] = SignedBy(ordererOrg.MspId, MSPRole.Types.MSPRoleType.Member),
            });

        var channel = Group(
            values: new()
            {
                ["BlockDataHashingStructure"] = Value(new BlockDataHashingStructure { Width = uint.MaxValue }),
                ["Capabilities"] = Value(CapabilitySet("V2_0")),
                ["HashingAlgorithm"] = Value(new HashingAlgorithm { Name = "SHA256" }),
            },
            policies: new()
            {
                [Admins] = ImplicitMeta(Admins, ImplicitMetaPolicy.Types.Rule.Majority),
                ["Readers"] = ImplicitMeta("Readers", ImplicitMetaPolicy.Types.Rule.Any),
                ["Writers"] = ImplicitMeta("Writers", ImplicitMetaPolicy.Types.Rule.Any),
            });
        channel.Groups["Application"] = applicationGroup;
        channel.Groups["Orderer"] = orderer;
        return new Config { Sequence = 0, ChannelGroup = channel };
    }

    /// <summary>A Go <c>time.Duration</c> string, as configtx.yaml and Fabric print them (<c>2s</c>, <c>500ms</c>).</summary>
    internal static string GoDuration(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerSecond == 0
            ? ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static ConfigGroup PeerOrganization(OrganizationMaterial org, int anchorPort, OrganizationPolicyOptions policies)
    {
        var id = org.MspId;
        var anchor = org.Nodes[0];
        return Group(
            values: new()
            {
                ["AnchorPeers"] = Value(new AnchorPeers { AnchorPeers_ = { new AnchorPeer { Host = anchor.CommonName, Port = anchorPort } } }),
                ["MSP"] = Value(Msp(org)),
            },
            policies: new()
            {
                [Admins] = SignaturePolicy(policies.Admins ?? $"OR('{id}.admin')"),
                ["Endorsement"] = SignaturePolicy(policies.Endorsement ?? $"OR('{id}.peer')"),
                ["Readers"] = SignaturePolicy(policies.Readers ?? $"OR('{id}.admin', '{id}.peer')"),
                ["StatusReaders"] = SignaturePolicy(policies.StatusReaders ?? $"OR('{id}.admin', '{id}.peer', '{id}.client')"),
                ["Writers"] = SignaturePolicy(policies.Writers ?? $"OR('{id}.admin', '{id}.client')"),
            });
    }

    private static MSPConfig Msp(OrganizationMaterial org)
    {
        var ca = ByteString.CopyFrom(File.ReadAllBytes(org.MspCaCertificatePath));
        var config = new FabricMSPConfig
        {
            Name = org.MspId,
            RootCerts = { ca },
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
            TlsRootCerts = { ByteString.CopyFrom(File.ReadAllBytes(org.TlsCaCertificatePath)) },
        };
        if (org.NodeOUsEnabled)
        {
            config.FabricNodeOus = new FabricNodeOUs
            {
                Enable = true,
                ClientOuIdentifier = new FabricOUIdentifier { Certificate = ca, OrganizationalUnitIdentifier = "client" },
                PeerOuIdentifier = new FabricOUIdentifier { Certificate = ca, OrganizationalUnitIdentifier = "peer" },
                AdminOuIdentifier = new FabricOUIdentifier { Certificate = ca, OrganizationalUnitIdentifier = "admin" },
                OrdererOuIdentifier = new FabricOUIdentifier { Certificate = ca, OrganizationalUnitIdentifier = "orderer" },
            };
        }

        return new MSPConfig { Type = 0, Config = config.ToByteString() };
    }

    private static EtcdRaft.ConfigMetadata RaftMetadata(OrganizationMaterial ordererOrg)
    {
        var node = ordererOrg.Nodes[0];
        var tls = ByteString.CopyFrom(File.ReadAllBytes(node.TlsCertificatePath));
        return new EtcdRaft.ConfigMetadata
        {
            Consenters = { new EtcdRaft.Consenter { Host = node.CommonName, Port = uint.Parse(OrdererPort, CultureInfo.InvariantCulture), ClientTlsCert = tls, ServerTlsCert = tls } },
            Options = new EtcdRaft.Options { TickInterval = "500ms", ElectionTick = 10, HeartbeatTick = 1, MaxInflightBlocks = 5, SnapshotIntervalSize = 16 * 1024 * 1024 },
        };
    }

    private static string OrdererAddress(OrganizationMaterial ordererOrg) => ordererOrg.Nodes[0].CommonName + ":" + OrdererPort;

    private static ConfigGroup Group(Dictionary<string, ConfigValue> values, Dictionary<string, ConfigPolicy> policies)
    {
        var group = new ConfigGroup { ModPolicy = Admins };
        group.Values.Add(values);
        group.Policies.Add(policies);
        return group;
    }

    private static ConfigValue Value(IMessage message) => new() { ModPolicy = Admins, Value = message.ToByteString() };

    private static Capabilities CapabilitySet(string name) => new() { Capabilities_ = { [name] = new Capability() } };

    private static ConfigPolicy ImplicitMeta(string subPolicy, ImplicitMetaPolicy.Types.Rule rule) => new()
    {
        ModPolicy = Admins,
        Policy = new Policy { Type = (int)Policy.Types.PolicyType.ImplicitMeta, Value = new ImplicitMetaPolicy { SubPolicy = subPolicy, Rule = rule }.ToByteString() },
    };

    /// <summary>
    /// An Application-level policy as configtx.yaml writes it: <c>ANY Readers</c> (Type ImplicitMeta, Rule
    /// "ANY Readers") or a signature policy (Type Signature).
    /// </summary>
    private static ConfigPolicy ApplicationPolicy(string? text, string defaultText)
    {
        var words = (text ?? defaultText).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        ImplicitMetaPolicy.Types.Rule? rule = words.Length != 2 ? null : words[0] switch
        {
            "ANY" => ImplicitMetaPolicy.Types.Rule.Any,
            "ALL" => ImplicitMetaPolicy.Types.Rule.All,
            "MAJORITY" => ImplicitMetaPolicy.Types.Rule.Majority,
            _ => null,
        };
        return rule is { } r ? ImplicitMeta(words[1], r) : SignaturePolicy(text!);
    }

    /// <summary>A Signature policy compiled from Fabric's policy language, as configtxgen does.</summary>
    private static ConfigPolicy SignaturePolicy(string text) => new()
    {
        ModPolicy = Admins,
        Policy = new Policy
        {
            Type = (int)Policy.Types.PolicyType.Signature,
            Value = Policies.Internal.SignaturePolicyWriter.Write(Policies.EndorsementPolicy.Parse(text)).ToByteString(),
        },
    };

    /// <summary>OR over one signature of <paramref name="mspId"/> in any of <paramref name="roles"/>, as configtxgen writes <c>OR('Org1MSP.admin', ...)</c>.</summary>
    private static ConfigPolicy SignedBy(string mspId, params MSPRole.Types.MSPRoleType[] roles)
    {
        var envelope = new SignaturePolicyEnvelope
        {
            Version = 0,
            Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 1 } },
        };
        for (var i = 0; i < roles.Length; i++)
        {
            envelope.Rule.NOutOf.Rules.Add(new SignaturePolicy { SignedBy = i });
            envelope.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = mspId, Role = roles[i] }.ToByteString(),
            });
        }

        return new ConfigPolicy
        {
            ModPolicy = Admins,
            Policy = new Policy { Type = (int)Policy.Types.PolicyType.Signature, Value = envelope.ToByteString() },
        };
    }
}
