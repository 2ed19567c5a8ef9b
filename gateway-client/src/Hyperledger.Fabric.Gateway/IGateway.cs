using Hyperledger.Fabric.Identity;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A connection to one or more peers' Gateway services, acting as one client identity (the official
/// clients' <c>Gateway</c>). Create it with <see cref="Gateway.Connect"/>; dispose it to close the
/// connections it opened (a caller-supplied channel is left open).
/// </summary>
public interface IGateway : IDisposable
{
    /// <summary>The client identity every request is made as.</summary>
    IIdentity Identity { get; }

    /// <summary>A channel, from which contracts and event streams are obtained. Cheap; no I/O.</summary>
    /// <param name="channelName">The channel's name, for example <c>healthchannel</c>.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    INetwork GetNetwork(string channelName);

    /// <summary>Restores a proposal from its <see cref="IProposal.Bytes"/> (signed or not).</summary>
    /// <param name="bytes">The serialised proposal.</param>
    /// <exception cref="ArgumentException">The bytes are not a proposal.</exception>
    IProposal NewProposal(ReadOnlyMemory<byte> bytes);

    /// <summary>Restores a proposal from its unsigned <see cref="IProposal.Bytes"/> and attaches a signature over its <see cref="IProposal.Digest"/>.</summary>
    /// <param name="bytes">The serialised proposal.</param>
    /// <param name="signature">The DER signature of its digest.</param>
    /// <exception cref="ArgumentException">The bytes are not a proposal, or the signature is empty.</exception>
    IProposal NewSignedProposal(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature);

    /// <summary>Restores an endorsed transaction from its <see cref="ITransaction.Bytes"/> (signed or not).</summary>
    /// <param name="bytes">The serialised transaction.</param>
    /// <exception cref="ArgumentException">The bytes are not a transaction.</exception>
    ITransaction NewTransaction(ReadOnlyMemory<byte> bytes);

    /// <summary>Restores an endorsed transaction and attaches a signature over its <see cref="ITransaction.Digest"/>.</summary>
    /// <param name="bytes">The serialised transaction.</param>
    /// <param name="signature">The DER signature of its digest.</param>
    /// <exception cref="ArgumentException">The bytes are not a transaction, or the signature is empty.</exception>
    ITransaction NewSignedTransaction(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature);

    /// <summary>Restores a commit-status request from its <see cref="ICommit.Bytes"/> (signed or not).</summary>
    /// <param name="bytes">The serialised request.</param>
    /// <exception cref="ArgumentException">The bytes are not a commit-status request.</exception>
    ICommit NewCommit(ReadOnlyMemory<byte> bytes);

    /// <summary>Restores a commit-status request and attaches a signature over its <see cref="ICommit.Digest"/>.</summary>
    /// <param name="bytes">The serialised request.</param>
    /// <param name="signature">The DER signature of its digest.</param>
    /// <exception cref="ArgumentException">The bytes are not a commit-status request, or the signature is empty.</exception>
    ICommit NewSignedCommit(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature);

    /// <summary>Restores a chaincode-events request from its <see cref="IChaincodeEventsRequest.Bytes"/> (signed or not).</summary>
    /// <param name="bytes">The serialised request.</param>
    /// <exception cref="ArgumentException">The bytes are not a chaincode-events request.</exception>
    IChaincodeEventsRequest NewChaincodeEventsRequest(ReadOnlyMemory<byte> bytes);

    /// <summary>Restores a chaincode-events request and attaches a signature over its <see cref="IChaincodeEventsRequest.Digest"/>.</summary>
    /// <param name="bytes">The serialised request.</param>
    /// <param name="signature">The DER signature of its digest.</param>
    /// <exception cref="ArgumentException">The bytes are not a chaincode-events request, or the signature is empty.</exception>
    IChaincodeEventsRequest NewSignedChaincodeEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature);

    /// <summary>Restores a block-events request from its <see cref="IBlockEventsRequest{TEvent}.Bytes"/> and attaches a signature over its digest.</summary>
    /// <param name="bytes">The serialised envelope.</param>
    /// <param name="signature">The DER signature of its digest.</param>
    /// <exception cref="ArgumentException">The bytes are not a block-events request, or the signature is empty.</exception>
    IBlockEventsRequest<Protos.Common.Block> NewSignedBlockEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature);

    /// <inheritdoc cref="NewSignedBlockEventsRequest" />
    IBlockEventsRequest<Protos.Peer.FilteredBlock> NewSignedFilteredBlockEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature);

    /// <inheritdoc cref="NewSignedBlockEventsRequest" />
    IBlockEventsRequest<Protos.Peer.BlockAndPrivateData> NewSignedBlockAndPrivateDataEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature);
}
