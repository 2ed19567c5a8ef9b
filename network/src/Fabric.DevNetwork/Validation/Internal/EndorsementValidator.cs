using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Policies;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// Fabric's endorsement check (VSCC): keep the endorsements whose endorser is a valid member of a
/// channel MSP and whose signature over proposal_response_payload || endorser verifies, then require
/// the policy of each namespace the transaction touches to be satisfied by them. A written key that
/// carries a VALIDATION_PARAMETER (state-based endorsement) must satisfy that key-level policy
/// instead of the chaincode's.
/// </summary>
internal sealed class EndorsementValidator(
    IdentityValidator identities,
    IReadOnlyDictionary<string, EndorsementPolicy> policies,
    EndorsementPolicy defaultPolicy)
{
    private const string ValidationParameter = "VALIDATION_PARAMETER";

    /// <summary>
    /// The endorsers whose identity and signature check out (stateless, so it runs in parallel for
    /// the transactions of a block).
    /// </summary>
    public List<PolicyIdentity> CollectSigners(ParsedTransaction transaction)
    {
        var action = transaction.EndorsedAction!;
        var signers = new List<PolicyIdentity>();
        foreach (var endorsement in action.Endorsements)
        {
            var endorser = identities.Validate(endorsement.Endorser);
            if (endorser is null)
            {
                continue;
            }

            var message = new byte[action.ProposalResponsePayload.Length + endorsement.Endorser.Length];
            action.ProposalResponsePayload.Span.CopyTo(message);
            endorsement.Endorser.Span.CopyTo(message.AsSpan(action.ProposalResponsePayload.Length));
            if (endorser.Verify(message, endorsement.Signature.Span))
            {
                signers.Add(endorser.PolicyIdentity);
            }
        }

        return signers;
    }

    /// <summary>Whether <paramref name="signers"/> satisfy the policies the transaction's writes need, given the state so far.</summary>
    public bool PoliciesSatisfied(ParsedTransaction transaction, List<PolicyIdentity> signers, ILedgerSnapshot state, PendingUpdates pending)
    {
        if (signers.Count == 0)
        {
            return false;
        }

        var namespaces = transaction.RwSets
            .Where(ns => ns.RwSet.Writes.Count > 0 || ns.RwSet.MetadataWrites.Count > 0)
            .ToList();
        var needsChaincodePolicy = new HashSet<string>(StringComparer.Ordinal);
        if (!namespaces.Any(ns => ns.Namespace == transaction.ChaincodeName))
        {
            needsChaincodePolicy.Add(transaction.ChaincodeName!);
        }

        foreach (var (ns, rwSet) in namespaces)
        {
            var keys = rwSet.Writes.Select(w => w.Key).Concat(rwSet.MetadataWrites.Select(m => m.Key)).Distinct(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var parameter = KeyValidationParameter(ns, key, state, pending);
                if (parameter is null)
                {
                    needsChaincodePolicy.Add(ns);
                }
                else if (!KeyPolicySatisfied(parameter, signers))
                {
                    return false;
                }
            }
        }

        return needsChaincodePolicy.All(ns => PolicyFor(ns).IsSatisfiedBy(signers, identities.MspIds));
    }

    private EndorsementPolicy PolicyFor(string ns) => policies.TryGetValue(ns, out var policy) ? policy : defaultPolicy;

    private bool KeyPolicySatisfied(ByteString parameter, List<PolicyIdentity> signers)
    {
        try
        {
            var policy = EndorsementPolicy.FromSignaturePolicyEnvelope(SignaturePolicyEnvelope.Parser.ParseFrom(parameter));
            return policy.IsSatisfiedBy(signers, identities.MspIds);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            return false;
        }
    }

    private static ByteString? KeyValidationParameter(string ns, string key, ILedgerSnapshot state, PendingUpdates pending)
    {
        IReadOnlyDictionary<string, ByteString>? metadata;
        if (pending.TryGet(ns, key, out var update))
        {
            metadata = update.HasValueWrite && update.IsDelete ? null : update.Metadata ?? state.GetState(ns, key)?.Metadata;
        }
        else
        {
            metadata = state.GetState(ns, key)?.Metadata;
        }

        return metadata is not null && metadata.TryGetValue(ValidationParameter, out var value) && !value.IsEmpty ? value : null;
    }
}
