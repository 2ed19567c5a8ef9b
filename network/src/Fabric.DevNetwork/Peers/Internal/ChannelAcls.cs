using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel's ACL table, read back from the Application group's <c>ACLs</c> value of the config block
/// the way Fabric's resource ACL provider reads it: each resource maps to a policy reference, relative ones
/// under <c>/Channel/Application</c>. A resource the value does not name falls back to Fabric's default
/// ACL provider (<c>core/aclmgmt/defaultaclprovider.go</c>): <c>peer/Propose</c> and chaincode-to-chaincode
/// calls the Application Writers, every other channel resource the Application Readers.
/// </summary>
internal sealed class ChannelAcls
{
    /// <summary>Proposals to application chaincodes (the endorser's check).</summary>
    public const string PeerPropose = "peer/Propose";

    /// <summary>Gateway <c>CommitStatus</c>.</summary>
    public const string GatewayCommitStatus = "gateway/CommitStatus";

    /// <summary>Gateway <c>ChaincodeEvents</c>.</summary>
    public const string GatewayChaincodeEvents = "gateway/ChaincodeEvents";

    /// <summary>The peer's <c>Deliver</c> and <c>DeliverWithPrivateData</c>.</summary>
    public const string EventBlock = "event/Block";

    /// <summary>The peer's <c>DeliverFiltered</c>.</summary>
    public const string EventFilteredBlock = "event/FilteredBlock";

    /// <summary>The query system chaincode's height query.</summary>
    public const string QsccGetChainInfo = "qscc/GetChainInfo";

    private const string ApplicationReaders = "/Channel/Application/Readers";
    private const string ApplicationWriters = "/Channel/Application/Writers";

    // Fabric's defaultACLProviderImpl, for the channel resources the dev network's peer checks (it has
    // no lifecycle, lscc or cscc calls, and peer-local resources such as cscc/JoinChain have no channel).
    private static readonly Dictionary<string, string> FabricDefaults = new(StringComparer.Ordinal)
    {
        [QsccGetChainInfo] = ApplicationReaders,
        ["qscc/GetBlockByNumber"] = ApplicationReaders,
        ["qscc/GetBlockByHash"] = ApplicationReaders,
        ["qscc/GetTransactionByID"] = ApplicationReaders,
        ["qscc/GetBlockByTxID"] = ApplicationReaders,
        [PeerPropose] = ApplicationWriters,
        ["peer/ChaincodeToChaincode"] = ApplicationWriters,
        [EventBlock] = ApplicationReaders,
        [EventFilteredBlock] = ApplicationReaders,
        [GatewayCommitStatus] = ApplicationReaders,
        [GatewayChaincodeEvents] = ApplicationReaders,
    };

    private readonly Dictionary<string, string> _fromConfig;

    private ChannelAcls(Dictionary<string, string> fromConfig) => _fromConfig = fromConfig;

    /// <summary>A table with no <c>ACLs</c> value: every resource at Fabric's default.</summary>
    public static ChannelAcls Defaults { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The resources our configtx.yaml's Application section names, with their policy references.</summary>
    public static IReadOnlyDictionary<string, string> ConfigtxResources { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GatewayCommitStatus] = "/Channel/Application/StatusReaders",
        [EventFilteredBlock] = "/Channel/Application/StatusReaders",
        [QsccGetChainInfo] = "/Channel/Application/StatusReaders",
        [EventBlock] = ApplicationReaders,
        [GatewayChaincodeEvents] = ApplicationReaders,
        ["qscc/GetBlockByNumber"] = ApplicationReaders,
        ["qscc/GetBlockByHash"] = ApplicationReaders,
        ["qscc/GetTransactionByID"] = ApplicationReaders,
        ["qscc/GetBlockByTxID"] = ApplicationReaders,
    };

    /// <summary>Reads the <c>ACLs</c> value of <paramref name="config"/>'s Application group; none means Fabric's defaults throughout.</summary>
    /// <exception cref="FormatException">The value does not decode, or names a resource with an empty policy.</exception>
    public static ChannelAcls FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config.ChannelGroup is not null
            && config.ChannelGroup.Groups.TryGetValue("Application", out var application)
            && application.Values.TryGetValue("ACLs", out var value))
        {
            ACLs acls;
            try
            {
                acls = ACLs.Parser.ParseFrom(value.Value);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException e)
            {
                throw new FormatException("The channel's ACLs value does not decode.", e);
            }

            foreach (var (resource, api) in acls.Acls)
            {
                if (string.IsNullOrEmpty(api?.PolicyRef))
                {
                    throw new FormatException($"The channel's ACL for {resource} names no policy.");
                }

                // Fabric's channelconfig qualifies a relative reference under /Channel/Application.
                table[resource] = api.PolicyRef.StartsWith('/') ? api.PolicyRef : "/Channel/Application/" + api.PolicyRef;
            }
        }

        return new ChannelAcls(table);
    }

    /// <summary>The config value configtxgen writes for <paramref name="resources"/> (resource to policy reference).</summary>
    public static ACLs ToConfigValue(IReadOnlyDictionary<string, string> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var acls = new ACLs();
        foreach (var (resource, policy) in resources)
        {
            acls.Acls.Add(resource, new APIResource { PolicyRef = policy });
        }

        return acls;
    }

    /// <summary>The policy <paramref name="resource"/> is checked against, and whether the config block named it.</summary>
    /// <exception cref="InvalidOperationException">Neither the block nor Fabric's defaults map the resource (Fabric's "Unmapped policy").</exception>
    public AclPolicy Resolve(string resource)
    {
        if (_fromConfig.TryGetValue(resource, out var path))
        {
            return new AclPolicy(path, FromConfig: true);
        }

        return FabricDefaults.TryGetValue(resource, out path)
            ? new AclPolicy(path, FromConfig: false)
            : throw new InvalidOperationException($"Unmapped policy for {resource}");
    }
}

/// <summary>The policy path a resource's ACL resolved to, and whether the config block (not Fabric's default) named it.</summary>
internal readonly record struct AclPolicy(string Path, bool FromConfig)
{
    /// <summary>
    /// Fabric's refusal text: the resource ACL provider's when the block named the policy, else the default
    /// provider's policy checker's, which names the channel; <paramref name="reason"/> is the policy's own error.
    /// </summary>
    public string Refusal(string channelId, string reason) => FromConfig
        ? $"failed evaluating policy on signed data during check policy [{Path}]: [{reason}]"
        : $"Failed evaluating policy on signed data during check policy on channel [{channelId}] with policy [{Path}]: [{reason}]";

    /// <summary>An implicit-meta policy's own text when no organisation's sub-policy is satisfied.</summary>
    public string NoSubPolicySatisfied() =>
        $"implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the '{Path[(Path.LastIndexOf('/') + 1)..]}' sub-policies to be satisfied";
}
