using System.Security.Cryptography;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Policies.Internal;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// The committing peer's validation of one block, in two passes. The first, in parallel over the
/// block's transactions, does what depends on nothing else in the ledger: structure, channel, type,
/// creator signature, tx id, endorsement signatures. The second, in block order, does what depends
/// on the ledger and on earlier transactions of the block: duplicate tx id, endorsement policy
/// (key-level policies can change within a block), MVCC and phantom reads.
/// </summary>
internal sealed class BlockValidator
{
    private readonly string _channelId;
    private readonly IdentityValidator _identities;
    private readonly EndorsementValidator _endorsements;
    private readonly IReadOnlyList<string> _chaincodeNames;

    public BlockValidator(OrderedChannelOptions options)
    {
        _channelId = options.ChannelId;
        var msps = options.Organizations.ToDictionary(v => v.MspId, StringComparer.Ordinal);
        _identities = new IdentityValidator(msps, options.SignatureHashFamily, options.TimeProvider);
        // collections' own endorsement policies; a channel config reference is read from the config block
        var channelPolicies = ChannelPolicyTree.FromConfig(options.ChannelConfig ?? new Config());
        var collectionPolicies = new Dictionary<(string, string), EndorsementPolicy>();
        foreach (var chaincode in options.Chaincodes)
        {
            foreach (var collection in chaincode.Collections)
            {
                if (collection.ParseEndorsementPolicy(channelPolicies) is { } policy)
                {
                    collectionPolicies[(chaincode.Name, collection.Name)] = policy;
                }
            }
        }

        _endorsements = new EndorsementValidator(_identities, options.EndorsementPolicies, options.DefaultEndorsementPolicy, collectionPolicies);
        _chaincodeNames = options.Chaincodes.Select(c => c.Name).ToList();
    }

    /// <param name="block">The block as the orderer cut it.</param>
    /// <param name="state">Committed state before the block.</param>
    /// <param name="isCommitted">Whether a tx id is already in the ledger.</param>
    public BlockValidationResult Validate(Block block, ILedgerSnapshot state, Func<string, bool> isCommitted) =>
        Complete(Prepare(block), state, isCommitted);

    /// <summary>
    /// The first pass, which reads no ledger state: the peer's committer runs it for the next block
    /// while the block before it is still being committed, on every core.
    /// </summary>
    public PreparedBlock Prepare(Block block)
    {
        var entries = block.Data.Data;
        var codes = new TxValidationCode[entries.Count];
        var transactions = new ParsedTransaction[entries.Count];
        var signers = new List<PolicyIdentity>?[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            transactions[i] = TransactionParser.Parse(entries[i]);
            codes[i] = CheckAlone(transactions[i]);
            if (codes[i] == TxValidationCode.Valid)
            {
                signers[i] = _endorsements.CollectSigners(transactions[i]);
            }
        });

        return new PreparedBlock(block, transactions, codes, signers);
    }

    /// <summary>The second pass, in block order, against the state the block commits on.</summary>
    /// <param name="prepared">The block after <see cref="Prepare"/>.</param>
    /// <param name="state">Committed state before the block (including earlier blocks of a group not yet stored).</param>
    /// <param name="isCommitted">Whether a tx id is already in the ledger (or in an earlier block of the group).</param>
    public BlockValidationResult Complete(PreparedBlock prepared, ILedgerSnapshot state, Func<string, bool> isCommitted)
    {
        // The genesis chaincode definitions stand in the _lifecycle namespace, so the endorser's read of
        // each one's sequence passes MVCC like any other read.
        state = new LifecycleState(state, _chaincodeNames);
        var transactions = prepared.Transactions;
        var codes = (TxValidationCode[])prepared.Codes.Clone();
        var pending = new PendingUpdates();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < transactions.Count; i++)
        {
            if (codes[i] != TxValidationCode.Valid)
            {
                continue;
            }

            var transaction = transactions[i];
            if (isCommitted(transaction.TxId) || !seen.Add(transaction.TxId))
            {
                codes[i] = TxValidationCode.DuplicateTxid;
            }
            else if (!_endorsements.PoliciesSatisfied(transaction, prepared.Signers[i]!, state, pending))
            {
                codes[i] = TxValidationCode.EndorsementPolicyFailure;
            }
            else
            {
                codes[i] = MvccValidator.Check(transaction, state, pending);
            }

            if (codes[i] == TxValidationCode.Valid)
            {
                pending.AddRange(UpdateBuilder.ForTransaction(transaction, prepared.Block.Header.Number, i));
            }
        }

        return new BlockValidationResult(codes, transactions, pending.InOrder);
    }

    private TxValidationCode CheckAlone(ParsedTransaction transaction)
    {
        if (transaction.Code != TxValidationCode.Valid)
        {
            return transaction.Code;
        }

        if (transaction.ChannelHeader!.ChannelId != _channelId)
        {
            return TxValidationCode.TargetChainNotFound;
        }

        if (transaction.Type != HeaderType.EndorserTransaction)
        {
            return TxValidationCode.UnknownTxType;
        }

        var creator = _identities.Validate(transaction.SignatureHeader!.Creator);
        if (creator is null || !creator.Verify(transaction.Envelope!.Payload.Span, transaction.Envelope.Signature.Span))
        {
            return TxValidationCode.BadCreatorSignature;
        }

        return TxIdMatches(transaction) ? TxValidationCode.Valid : TxValidationCode.BadProposalTxid;
    }

    /// <summary>Fabric's tx id is hex(SHA-256(nonce || creator)).</summary>
    private static bool TxIdMatches(ParsedTransaction transaction)
    {
        var header = transaction.SignatureHeader!;
        var material = new byte[header.Nonce.Length + header.Creator.Length];
        header.Nonce.Span.CopyTo(material);
        header.Creator.Span.CopyTo(material.AsSpan(header.Nonce.Length));
        var expected = Convert.ToHexStringLower(SHA256.HashData(material));
        return string.Equals(expected, transaction.TxId, StringComparison.Ordinal);
    }
}
