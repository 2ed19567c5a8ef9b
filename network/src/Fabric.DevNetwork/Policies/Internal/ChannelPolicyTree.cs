using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using ImplicitMetaProto = Hyperledger.Fabric.Protos.Common.ImplicitMetaPolicy;

namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>
/// The policies of a channel configuration, by path (<c>/Channel/Application/Writers</c>), evaluated the
/// way Fabric's policy manager does: a Signature policy is a signature-policy envelope over the signers
/// (each distinct signer satisfies one principal at most, as cauthdsl); an ImplicitMeta policy counts the
/// sub-groups whose policy of the named sub-policy is satisfied, each evaluated on all the signers, and
/// needs one (ANY), all (ALL) or more than half (MAJORITY) of them; no sub-group at all counts as satisfied.
/// A path that names no policy rejects every signer set.
/// </summary>
internal sealed class ChannelPolicyTree
{
    private readonly Dictionary<string, Node> _policies = new(StringComparer.Ordinal);

    private ChannelPolicyTree()
    {
    }

    /// <summary>Reads every group's policies of <paramref name="config"/>.</summary>
    /// <exception cref="FormatException">A policy does not decode, or is of a type Fabric does not evaluate.</exception>
    public static ChannelPolicyTree FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tree = new ChannelPolicyTree();
        tree.Add("/Channel", config.ChannelGroup ?? new ConfigGroup(), depth: 0);
        return tree;
    }

    /// <summary>The absolute path of <paramref name="reference"/>: as given when absolute, else relative to <c>/Channel</c> (Fabric's channel policy manager).</summary>
    public static string Absolute(string reference) =>
        reference.StartsWith('/') ? reference : "/Channel/" + reference;

    /// <summary>Whether the configuration defines the policy at <paramref name="path"/>.</summary>
    public bool Contains(string path) => _policies.ContainsKey(Absolute(path));

    /// <summary>Evaluates the policy at <paramref name="path"/> against already validated <paramref name="signers"/>.</summary>
    public PolicyEvaluation Evaluate(string path, IReadOnlyCollection<PolicyIdentity> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        return _policies.TryGetValue(Absolute(path), out var node)
            ? node.Evaluate(signers)
            : new PolicyEvaluation($"policy {Absolute(path)} not found");
    }

    private void Add(string path, ConfigGroup group, int depth)
    {
        if (depth > 16)
        {
            throw new FormatException("The channel configuration is nested too deeply.");
        }

        // sub-groups first, so ImplicitMeta policies can resolve their children
        foreach (var (name, child) in group.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Add(path + "/" + name, child, depth + 1);
        }

        foreach (var (name, policy) in group.Policies)
        {
            _policies[path + "/" + name] = Decode(path + "/" + name, policy.Policy, group);
        }
    }

    private Node Decode(string path, Policy? policy, ConfigGroup group)
    {
        try
        {
            switch ((Policy.Types.PolicyType?)policy?.Type)
            {
                case Policy.Types.PolicyType.Signature:
                    return new SignatureNode(SignaturePolicyConverter.Convert(SignaturePolicyEnvelope.Parser.ParseFrom(policy!.Value)));
                case Policy.Types.PolicyType.ImplicitMeta:
                    var meta = ImplicitMetaProto.Parser.ParseFrom(policy!.Value);
                    var prefix = path[..path.LastIndexOf('/')];
                    var children = group.Groups.Keys.Order(StringComparer.Ordinal)
                        .Select(g => _policies.GetValueOrDefault(prefix + "/" + g + "/" + meta.SubPolicy) ?? Node.Reject)
                        .ToList();
                    return new ImplicitMetaNode(meta.Rule, meta.SubPolicy, children);
                default:
                    throw new FormatException($"The channel policy {path} is of type {policy?.Type}, which is not evaluated.");
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FormatException($"The channel policy {path} does not decode.", e);
        }
    }

    private abstract class Node
    {
        public static Node Reject { get; } = new SignatureNode(new OutOfPolicy(1, []));

        public abstract PolicyEvaluation Evaluate(IReadOnlyCollection<PolicyIdentity> signers);
    }

    private sealed class SignatureNode(EndorsementPolicy policy) : Node
    {
        public override PolicyEvaluation Evaluate(IReadOnlyCollection<PolicyIdentity> signers) =>
            policy.IsSatisfiedBy(signers, []) ? PolicyEvaluation.Satisfied : new PolicyEvaluation("signature set did not satisfy policy");
    }

    private sealed class ImplicitMetaNode(ImplicitMetaProto.Types.Rule rule, string subPolicy, IReadOnlyList<Node> children) : Node
    {
        private readonly int _threshold = children.Count == 0 ? 0 : rule switch
        {
            ImplicitMetaProto.Types.Rule.Any => 1,
            ImplicitMetaProto.Types.Rule.All => children.Count,
            _ => (children.Count / 2) + 1,
        };

        public override PolicyEvaluation Evaluate(IReadOnlyCollection<PolicyIdentity> signers)
        {
            var satisfied = 0;
            foreach (var child in children)
            {
                if (satisfied >= _threshold)
                {
                    break;
                }

                if (child.Evaluate(signers).IsSatisfied)
                {
                    satisfied++;
                }
            }

            return satisfied >= _threshold
                ? PolicyEvaluation.Satisfied
                : new PolicyEvaluation($"implicit policy evaluation failed - {satisfied} sub-policies were satisfied, but this policy requires {_threshold} of the '{subPolicy}' sub-policies to be satisfied");
        }
    }
}
