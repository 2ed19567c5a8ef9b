using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Policies.Internal;
using Fabric.DevNetwork.Validation.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// What a Fabric peer checks of each block the orderer delivers before it hands the block to its committer
/// (the peer's message crypto service and block verifier): the data hash in the header is the hash of the
/// block's data, the header chains to the block before it, and the SIGNATURES metadata carries signatures,
/// each over metadata value ‖ signature header ‖ the header's ASN.1 bytes, whose valid signers satisfy the
/// channel's <c>/Channel/Orderer/BlockValidation</c> policy. Signatures that do not verify, or whose
/// creator is no valid member of a channel MSP, count for nothing, as Fabric drops them before the policy.
/// The genesis block is the peer's trust anchor and is not checked.
/// </summary>
internal sealed class BlockSignatureVerifier
{
    /// <summary>The channel policy blocks are checked against.</summary>
    public const string PolicyPath = "/Channel/Orderer/BlockValidation";

    private readonly string _channelId;
    private readonly IdentityValidator _identities;
    private readonly ChannelPolicyTree _policies;

    public BlockSignatureVerifier(string channelId, IEnumerable<MspVerifier> msps, MspHashFamily hashFamily, ChannelPolicyTree policies, TimeProvider time)
    {
        _channelId = channelId;
        _identities = new IdentityValidator(msps.ToDictionary(m => m.MspId, StringComparer.Ordinal), hashFamily, time);
        _policies = policies;
    }

    /// <summary>
    /// Null when <paramref name="block"/> may be committed after a block whose header hashes to
    /// <paramref name="previousHash"/> (null: the previous block is not known here, the ledger checks the chain);
    /// else why not, for the peer's log. The reason never quotes block contents.
    /// </summary>
    public string? Check(Block block, byte[]? previousHash)
    {
        ArgumentNullException.ThrowIfNull(block);
        var number = block.Header.Number;
        if (number == 0)
        {
            return null;
        }

        if (block.Data is null || !block.Header.DataHash.Span.SequenceEqual(BlockHashing.DataHash(block.Data)))
        {
            return $"Header.DataHash is different from Hash(block.Data) for block with id [{number}] on channel [{_channelId}]";
        }

        if (previousHash is not null && !block.Header.PreviousHash.Span.SequenceEqual(previousHash))
        {
            return $"block [{number}] on channel [{_channelId}] does not chain to block [{number - 1}]: its previous hash differs";
        }

        var signers = Signers(block);
        if (signers is null)
        {
            return $"block [{number}] on channel [{_channelId}] has no readable SIGNATURES metadata";
        }

        var evaluation = _policies.Evaluate(PolicyPath, signers);
        return evaluation.IsSatisfied
            ? null
            : $"block [{number}] on channel [{_channelId}]: failed evaluating policy {PolicyPath} on its signatures ({signers.Count} valid): {evaluation.Failure}";
    }

    /// <summary>The distinct valid signers of the block's SIGNATURES metadata; null when it does not parse.</summary>
    private List<PolicyIdentity>? Signers(Block block)
    {
        var entries = block.Metadata?.Metadata;
        if (entries is null || entries.Count <= (int)BlockMetadataIndex.Signatures)
        {
            return null;
        }

        Metadata metadata;
        try
        {
            metadata = Metadata.Parser.ParseFrom(entries[(int)BlockMetadataIndex.Signatures]);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        var headerBytes = BlockHashing.HeaderBytes(block.Header);
        var signers = new List<PolicyIdentity>();
        foreach (var signature in metadata.Signatures)
        {
            ByteString creator;
            try
            {
                creator = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader).Creator;
            }
            catch (InvalidProtocolBufferException)
            {
                continue;
            }

            var identity = _identities.Validate(creator);
            if (identity is null || signers.Any(s => s.Key == identity.PolicyIdentity.Key))
            {
                continue;
            }

            var signed = new byte[metadata.Value.Length + signature.SignatureHeader.Length + headerBytes.Length];
            metadata.Value.Span.CopyTo(signed);
            signature.SignatureHeader.Span.CopyTo(signed.AsSpan(metadata.Value.Length));
            headerBytes.CopyTo(signed.AsSpan(metadata.Value.Length + signature.SignatureHeader.Length));
            if (identity.Verify(signed, signature.Signature.Span))
            {
                signers.Add(identity.PolicyIdentity);
            }
        }

        return signers;
    }
}
