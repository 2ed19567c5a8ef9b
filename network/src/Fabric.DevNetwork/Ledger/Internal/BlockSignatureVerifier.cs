using System.Diagnostics.CodeAnalysis;
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
/// <remarks>
/// On a BFT channel (Fabric 3.x, <see cref="BftConsenters"/>) a signature with an empty signature header and an
/// identifier header names its signer by consenter id: the signer is that consenter's identity in the config's
/// ConsenterMapping, and the signed bytes are value ‖ identifier header ‖ header bytes (protoutil's
/// BlockSignatureVerifier). An id the mapping lacks counts for nothing; a header that does not decode refuses
/// the block. A SmartBFT BlockValidation policy is a signature policy over the consenters' identities with the
/// quorum as its threshold, so fewer valid signers than the quorum fail it.
/// </remarks>
internal sealed class BlockSignatureVerifier
{
    /// <summary>The channel policy blocks are checked against.</summary>
    public const string PolicyPath = "/Channel/Orderer/BlockValidation";

    private readonly string _channelId;
    private readonly IdentityValidator _identities;
    private readonly ChannelPolicyTree _policies;
    private readonly BftConsenters? _consenters;

    /// <param name="consenters">The channel's BFT consenters; null when the channel is not BFT (identifier headers are then not looked up).</param>
    public BlockSignatureVerifier(
        string channelId, IEnumerable<MspVerifier> msps, MspHashFamily hashFamily, ChannelPolicyTree policies, TimeProvider time, BftConsenters? consenters = null)
    {
        _channelId = channelId;
        _identities = new IdentityValidator(msps.ToDictionary(m => m.MspId, StringComparer.Ordinal), hashFamily, time);
        _policies = policies;
        _consenters = consenters;
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

        var signers = Signers(block, out var refusal);
        if (signers is null)
        {
            return refusal;
        }

        var evaluation = _policies.Evaluate(PolicyPath, signers);
        return evaluation.IsSatisfied
            ? null
            : $"block [{number}] on channel [{_channelId}]: failed evaluating policy {PolicyPath} on its signatures ({signers.Count} valid): {evaluation.Failure}";
    }

    /// <summary>The distinct valid signers of the block's SIGNATURES metadata; null, with the reason, when the block is refused before the policy.</summary>
    private List<PolicyIdentity>? Signers(Block block, out string? refusal)
    {
        var number = block.Header.Number;
        var entries = block.Metadata?.Metadata;
        if (entries is null || entries.Count <= (int)BlockMetadataIndex.Signatures
            || !TryParse(Metadata.Parser, entries[(int)BlockMetadataIndex.Signatures], out var metadata))
        {
            refusal = $"block [{number}] on channel [{_channelId}] has no readable SIGNATURES metadata";
            return null;
        }

        var headerBytes = BlockHashing.HeaderBytes(block.Header);
        var signers = new List<PolicyIdentity>();
        foreach (var signature in metadata.Signatures)
        {
            ByteString? creator;
            ByteString signerHeader;
            if (_consenters is not null && signature.SignatureHeader.IsEmpty && !signature.IdentifierHeader.IsEmpty)
            {
                if (!TryParse(IdentifierHeader.Parser, signature.IdentifierHeader, out var identifier))
                {
                    refusal = $"failed unmarshalling identifier header for block {number}";
                    return null;
                }

                // an id outside the consenter set is skipped, as Fabric skips it
                creator = _consenters.Identity(identifier.Identifier);
                signerHeader = signature.IdentifierHeader;
            }
            else
            {
                if (!TryParse(SignatureHeader.Parser, signature.SignatureHeader, out var header))
                {
                    refusal = $"failed unmarshalling signature header for block {number}";
                    return null;
                }

                creator = header.Creator;
                signerHeader = signature.SignatureHeader;
            }

            var identity = creator is null ? null : _identities.Validate(creator);
            if (identity is null || signers.Any(s => s.Key == identity.PolicyIdentity.Key))
            {
                continue;
            }

            var signed = new byte[metadata.Value.Length + signerHeader.Length + headerBytes.Length];
            metadata.Value.Span.CopyTo(signed);
            signerHeader.Span.CopyTo(signed.AsSpan(metadata.Value.Length));
            headerBytes.CopyTo(signed.AsSpan(metadata.Value.Length + signerHeader.Length));
            if (identity.Verify(signed, signature.Signature.Span))
            {
                signers.Add(identity.PolicyIdentity);
            }
        }

        refusal = null;
        return signers;
    }

    private static bool TryParse<T>(MessageParser<T> parser, ByteString bytes, [NotNullWhen(true)] out T? message)
        where T : class, IMessage<T>
    {
        try
        {
            message = parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            message = null;
            return false;
        }
    }
}
