using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Policies;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// Fabric's endorsement check (VSCC): keep the endorsements whose endorser is a valid member of a
/// channel MSP and whose signature over proposal_response_payload || endorser verifies, then require
/// the policies the transaction's writes need to be satisfied by them, as Fabric's v20 evaluator: a
/// written key that carries a VALIDATION_PARAMETER (state-based endorsement) needs that key-level
/// policy; a write to a collection with an endorsement policy of its own needs the collection's
/// policy; any other write needs its chaincode's policy; and a namespace for which no policy was
/// checked (the invoked chaincode writing nothing) needs its chaincode's policy.
/// </summary>
internal sealed class EndorsementValidator(
    IdentityValidator identities,
    IReadOnlyDictionary<string, EndorsementPolicy> policies,
    EndorsementPolicy defaultPolicy,
    IReadOnlyDictionary<(string Namespace, string Collection), EndorsementPolicy> collectionPolicies)
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

        // per namespace: whether some policy has been checked for it, and whether its chaincode's has
        var someChecked = new HashSet<string>(StringComparer.Ordinal);
        var chaincodeChecked = new HashSet<string>(StringComparer.Ordinal);
        bool ChaincodePolicy(string ns)
        {
            someChecked.Add(ns);
            return !chaincodeChecked.Add(ns) || PolicyFor(ns).IsSatisfiedBy(signers, identities.MspIds);
        }

        var written = new List<string> { transaction.ChaincodeName! };
        foreach (var (ns, rwSet) in transaction.RwSets.Where(ns => ns.RwSet.Writes.Count > 0 || ns.RwSet.MetadataWrites.Count > 0))
        {
            written.Add(ns);
            var keys = rwSet.Writes.Select(w => w.Key).Concat(rwSet.MetadataWrites.Select(m => m.Key)).Distinct(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var parameter = KeyValidationParameter(ns, key, state, pending);
                if (parameter is null ? !ChaincodePolicy(ns) : !KeyPolicySatisfied(parameter, signers))
                {
                    return false;
                }

                someChecked.Add(ns);
            }
        }

        foreach (var collection in transaction.Collections.Where(c => c.Hashed.HashedWrites.Count > 0 || c.Hashed.MetadataWrites.Count > 0))
        {
            written.Add(collection.Namespace);
            if (!collectionPolicies.TryGetValue((collection.Namespace, collection.Collection), out var collectionPolicy))
            {
                if (!ChaincodePolicy(collection.Namespace))
                {
                    return false;
                }
            }
            else if (!collectionPolicy.IsSatisfiedBy(signers, identities.MspIds))
            {
                return false;
            }

            someChecked.Add(collection.Namespace);
        }

        return written.Distinct(StringComparer.Ordinal).All(ns => someChecked.Contains(ns) || ChaincodePolicy(ns));
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
