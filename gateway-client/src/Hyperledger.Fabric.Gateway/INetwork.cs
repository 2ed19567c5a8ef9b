namespace Hyperledger.Fabric.Gateway;

/// <summary>A channel seen through the gateway (the official clients' <c>Network</c>).</summary>
public interface INetwork
{
    /// <summary>The channel's name.</summary>
    string Name { get; }

    /// <summary>A chaincode, or one named contract inside it. Cheap; no I/O.</summary>
    /// <param name="chaincodeName">The chaincode's name, for example <c>healthrecords</c>.</param>
    /// <param name="contractName">A contract inside a multi-contract chaincode; transaction names are sent as <c>contract:name</c>. Null for none.</param>
    /// <exception cref="ArgumentException">The chaincode name is empty.</exception>
    IContract GetContract(string chaincodeName, string? contractName = null);

    /// <summary>
    /// Events from one chaincode's committed transactions, in ledger order. Leaving the loop (or cancelling)
    /// closes the stream. Signs the request with the gateway's signer.
    /// </summary>
    /// <param name="chaincodeName">The chaincode whose events to read.</param>
    /// <param name="options">Start position, checkpointer and reconnection; null to start at the next block to commit.</param>
    /// <param name="cancellationToken">Ends the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="GatewayException">The stream failed (and could not reconnect, when reconnection is on).</exception>
    /// <exception cref="InvalidOperationException">No signer is configured (use <see cref="NewChaincodeEventsRequest"/>).</exception>
    IAsyncEnumerable<ChaincodeEvent> GetChaincodeEventsAsync(string chaincodeName, ChaincodeEventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>A chaincode-events request that can be signed offline before reading events.</summary>
    /// <param name="chaincodeName">The chaincode whose events to read.</param>
    /// <param name="options">Start position, checkpointer and reconnection.</param>
    IChaincodeEventsRequest NewChaincodeEventsRequest(string chaincodeName, ChaincodeEventsOptions? options = null);

    /// <summary>
    /// Committed blocks of the channel, in order, from the peer's Deliver service (the official clients'
    /// <c>getBlockEvents</c>). Leaving the loop (or cancelling) closes the stream. Signs the request with the gateway's signer.
    /// </summary>
    /// <param name="options">Start block, checkpointer and reconnection; null to start at the next block to commit.</param>
    /// <param name="cancellationToken">Ends the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="GatewayException">The stream failed or was refused (and could not reconnect, when reconnection is on).</exception>
    /// <exception cref="InvalidOperationException">No signer is configured (use <see cref="NewBlockEventsRequest"/>).</exception>
    IAsyncEnumerable<Protos.Common.Block> GetBlockEventsAsync(BlockEventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Filtered blocks (per transaction its id, type, validation code and chaincode events without payload)
    /// from the peer's DeliverFiltered service (the official clients' <c>getFilteredBlockEvents</c>).
    /// </summary>
    /// <inheritdoc cref="GetBlockEventsAsync" path="/param" />
    /// <inheritdoc cref="GetBlockEventsAsync" path="/exception" />
    IAsyncEnumerable<Protos.Peer.FilteredBlock> GetFilteredBlockEventsAsync(BlockEventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Blocks with the private data the peer holds for them and the caller may read, from the peer's
    /// DeliverWithPrivateData service (the official clients' <c>getBlockAndPrivateDataEvents</c>).
    /// </summary>
    /// <inheritdoc cref="GetBlockEventsAsync" path="/param" />
    /// <inheritdoc cref="GetBlockEventsAsync" path="/exception" />
    IAsyncEnumerable<Protos.Peer.BlockAndPrivateData> GetBlockAndPrivateDataEventsAsync(BlockEventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>A block-events request that can be signed offline before reading blocks.</summary>
    /// <param name="options">Start block, checkpointer and reconnection.</param>
    IBlockEventsRequest<Protos.Common.Block> NewBlockEventsRequest(BlockEventsOptions? options = null);

    /// <summary>A filtered-block-events request that can be signed offline.</summary>
    /// <param name="options">Start block, checkpointer and reconnection.</param>
    IBlockEventsRequest<Protos.Peer.FilteredBlock> NewFilteredBlockEventsRequest(BlockEventsOptions? options = null);

    /// <summary>A block-and-private-data-events request that can be signed offline.</summary>
    /// <param name="options">Start block, checkpointer and reconnection.</param>
    IBlockEventsRequest<Protos.Peer.BlockAndPrivateData> NewBlockAndPrivateDataEventsRequest(BlockEventsOptions? options = null);

    /// <summary>
    /// The commit status of a transaction by id, waiting for it to commit if it has not yet (up to the
    /// commit-status timeout). Useful after a <see cref="SubmitException"/> with <see cref="SubmitException.MayHaveCommitted"/>.
    /// </summary>
    /// <param name="transactionId">The transaction's id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="CommitStatusException">The status could not be obtained in time.</exception>
    Task<CommitStatus> GetTransactionStatusAsync(string transactionId, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="GetTransactionStatusAsync(string, CancellationToken)" />
    /// <param name="transactionId">The transaction's id.</param>
    /// <param name="callOptions">Deadline (replacing <see cref="GatewayOptions.CommitStatusTimeout"/>) and headers of the call; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<CommitStatus> GetTransactionStatusAsync(string transactionId, GatewayCallOptions? callOptions, CancellationToken cancellationToken = default);

    /// <summary>A commit-status request by transaction id, to be signed offline (<see cref="ICommit.Digest"/>).</summary>
    /// <param name="transactionId">The transaction's id.</param>
    ICommit NewCommit(string transactionId);
}
