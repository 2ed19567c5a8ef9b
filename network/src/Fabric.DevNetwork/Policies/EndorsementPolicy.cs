using Fabric.DevNetwork.Policies.Internal;
using SignaturePolicyEnvelope = Hyperledger.Fabric.Protos.Common.SignaturePolicyEnvelope;

namespace Fabric.DevNetwork.Policies;

/// <summary>
/// A chaincode endorsement policy: Fabric's signature-policy language (<c>AND</c>, <c>OR</c>,
/// <c>OutOf</c> over principals such as <c>'Org1MSP.peer'</c>) or the implicit-meta shorthands
/// <c>MAJORITY</c>, <c>ANY</c> and <c>ALL</c> (optionally followed by <c>Endorsement</c>), which mean
/// "that many of the channel's organisations, each by one of its peers", as Fabric's default
/// <c>/Channel/Application/Endorsement</c> policy does.
/// </summary>
/// <remarks>
/// Evaluation follows Fabric: each distinct signer can satisfy one principal only; sub-policies are
/// tried in order and a signer used by a satisfied sub-policy is not reused.
/// </remarks>
public abstract class EndorsementPolicy
{
    private protected EndorsementPolicy()
    {
    }

    /// <summary>The policy <c>MAJORITY Endorsement</c> (Fabric's default for new chaincodes).</summary>
    public static EndorsementPolicy Majority { get; } = new ImplicitMetaPolicy(ImplicitMetaRule.Majority);

    /// <summary>
    /// Parses <paramref name="text"/>, for example <c>AND('Org1MSP.peer','Org2MSP.peer')</c>,
    /// <c>OR('Org1MSP.member', 'Org2MSP.member')</c>, <c>OutOf(2, 'A.peer', 'B.peer', 'C.peer')</c>
    /// or <c>MAJORITY</c>. Operator names are case-insensitive; roles are member, admin, client,
    /// peer and orderer.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid policy; the message says where.</exception>
    public static EndorsementPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PolicyParser.Parse(text);
    }

    /// <summary>
    /// Converts Fabric's binary <c>SignaturePolicyEnvelope</c> (the form of a key-level
    /// <c>VALIDATION_PARAMETER</c> and of signature policies in chaincode definitions). An identity
    /// principal matches a signer of its MSP with the same certificate; OU and anonymity principals
    /// are kept but match no signer.
    /// </summary>
    /// <exception cref="FormatException">The envelope is malformed.</exception>
    public static EndorsementPolicy FromSignaturePolicyEnvelope(SignaturePolicyEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return SignaturePolicyConverter.Convert(envelope);
    }

    /// <summary>
    /// Whether the validated <paramref name="signers"/> satisfy the policy.
    /// <paramref name="channelMspIds"/> are the application organisations of the channel (used by
    /// the implicit-meta shorthands only).
    /// </summary>
    public bool IsSatisfiedBy(IEnumerable<PolicyIdentity> signers, IReadOnlyCollection<string> channelMspIds)
    {
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentNullException.ThrowIfNull(channelMspIds);
        var distinct = signers.DistinctBy(s => s.Key).ToArray();
        var used = new bool[distinct.Length];
        return Evaluate(distinct, used, channelMspIds);
    }

    /// <summary>
    /// The smallest set of organisations, chosen from <paramref name="availableMspIds"/> (in that
    /// preference order), whose peers together satisfy the policy when each organisation endorses
    /// with one peer identity; <see langword="null"/> when no such set exists. The gateway uses it to
    /// pick endorsers.
    /// </summary>
    public IReadOnlyList<string>? FindEndorsingOrganizations(IReadOnlyList<string> availableMspIds, IReadOnlyCollection<string> channelMspIds)
    {
        ArgumentNullException.ThrowIfNull(availableMspIds);
        ArgumentNullException.ThrowIfNull(channelMspIds);
        var peerRoles = new HashSet<PrincipalRole> { PrincipalRole.Peer };
        for (var size = 1; size <= availableMspIds.Count; size++)
        {
            foreach (var combination in Combinations(availableMspIds, size))
            {
                var signers = combination.Select(m => new PolicyIdentity(m, peerRoles, m));
                if (IsSatisfiedBy(signers, channelMspIds))
                {
                    return combination;
                }
            }
        }

        return null;
    }

    /// <summary>Evaluates the policy against <paramref name="signers"/>, marking the ones it consumes.</summary>
    private protected abstract bool Evaluate(PolicyIdentity[] signers, bool[] used, IReadOnlyCollection<string> channelMspIds);

    /// <summary>Lets composite policies evaluate their children.</summary>
    private protected static bool EvaluateChild(EndorsementPolicy child, PolicyIdentity[] signers, bool[] used, IReadOnlyCollection<string> channelMspIds) =>
        child.Evaluate(signers, used, channelMspIds);

    private static IEnumerable<List<string>> Combinations(IReadOnlyList<string> items, int size)
    {
        var indexes = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return indexes.Select(i => items[i]).ToList();
            var position = size - 1;
            while (position >= 0 && indexes[position] == items.Count - size + position)
            {
                position--;
            }

            if (position < 0)
            {
                yield break;
            }

            indexes[position]++;
            for (var i = position + 1; i < size; i++)
            {
                indexes[i] = indexes[i - 1] + 1;
            }
        }
    }
}
