using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>A channel through the gateway.</summary>
internal sealed class NetworkImpl : INetwork
{
    private readonly GatewayImpl _gateway;

    public NetworkImpl(GatewayImpl gateway, string name)
    {
        _gateway = gateway;
        Name = name;
    }

    public string Name { get; }

    public IContract GetContract(string chaincodeName, string? contractName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        if (contractName is not null && string.IsNullOrWhiteSpace(contractName))
        {
            throw new ArgumentException("The contract name is blank; pass null for none.", nameof(contractName));
        }

        return new ContractImpl(_gateway, Name, chaincodeName, contractName);
    }

    public IAsyncEnumerable<ChaincodeEvent> GetChaincodeEventsAsync(string chaincodeName, ChaincodeEventsOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!_gateway.Signing.CanSign)
        {
            throw new InvalidOperationException("The gateway has no signer: use INetwork.NewChaincodeEventsRequest, sign its Digest offline and attach the signature with IGateway.NewSignedChaincodeEventsRequest.");
        }

        return NewChaincodeEventsRequest(chaincodeName, options).GetEventsAsync(options?.CallOptions, cancellationToken);
    }

    public IChaincodeEventsRequest NewChaincodeEventsRequest(string chaincodeName, ChaincodeEventsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        options ??= new ChaincodeEventsOptions();
        if (options.AfterTransactionId is not null && options.StartBlock is null)
        {
            throw new ArgumentException("ChaincodeEventsOptions.AfterTransactionId needs a StartBlock.", nameof(options));
        }

        if (options.Reconnect && !_gateway.Signing.CanSign)
        {
            throw new InvalidOperationException("ChaincodeEventsOptions.Reconnect needs a signer: each reconnection signs a new request.");
        }

        var start = options.Checkpointer is { BlockNumber: { } block } checkpointer
            ? new EventPosition(block, checkpointer.TransactionId)
            : new EventPosition(options.StartBlock, options.AfterTransactionId);
        var resume = new EventResume(Name, chaincodeName, options, ReSign: options.Reconnect ? position => BuildEventsRequest(chaincodeName, position) : null);
        return new ChaincodeEventsRequestImpl(_gateway, BuildEventsRequest(chaincodeName, start), resume);
    }

    public IAsyncEnumerable<Block> GetBlockEventsAsync(BlockEventsOptions? options = null, CancellationToken cancellationToken = default) =>
        SignedBlockEvents(BlockEventKinds.Blocks, options).GetEventsAsync(options?.CallOptions, cancellationToken);

    public IAsyncEnumerable<FilteredBlock> GetFilteredBlockEventsAsync(BlockEventsOptions? options = null, CancellationToken cancellationToken = default) =>
        SignedBlockEvents(BlockEventKinds.Filtered, options).GetEventsAsync(options?.CallOptions, cancellationToken);

    public IAsyncEnumerable<BlockAndPrivateData> GetBlockAndPrivateDataEventsAsync(BlockEventsOptions? options = null, CancellationToken cancellationToken = default) =>
        SignedBlockEvents(BlockEventKinds.WithPrivateData, options).GetEventsAsync(options?.CallOptions, cancellationToken);

    public IBlockEventsRequest<Block> NewBlockEventsRequest(BlockEventsOptions? options = null) => NewBlockEvents(BlockEventKinds.Blocks, options);

    public IBlockEventsRequest<FilteredBlock> NewFilteredBlockEventsRequest(BlockEventsOptions? options = null) => NewBlockEvents(BlockEventKinds.Filtered, options);

    public IBlockEventsRequest<BlockAndPrivateData> NewBlockAndPrivateDataEventsRequest(BlockEventsOptions? options = null) => NewBlockEvents(BlockEventKinds.WithPrivateData, options);

    public Task<CommitStatus> GetTransactionStatusAsync(string transactionId, CancellationToken cancellationToken = default) =>
        NewCommit(transactionId).GetStatusAsync(cancellationToken);

    public Task<CommitStatus> GetTransactionStatusAsync(string transactionId, GatewayCallOptions? callOptions, CancellationToken cancellationToken = default) =>
        NewCommit(transactionId).GetStatusAsync(callOptions, cancellationToken);

    public ICommit NewCommit(string transactionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        return new CommitImpl(_gateway, BuildCommitRequest(_gateway, Name, transactionId), ReadOnlyMemory<byte>.Empty);
    }

    public static SignedCommitStatusRequest BuildCommitRequest(GatewayImpl gateway, string channel, string transactionId)
    {
        var request = new CommitStatusRequest { TransactionId = transactionId, ChannelId = channel, Identity = gateway.Signing.Creator };
        return new SignedCommitStatusRequest { Request = request.ToByteString() };
    }

    private BlockEventsRequestImpl<TEvent> SignedBlockEvents<TEvent>(BlockEventKind<TEvent> kind, BlockEventsOptions? options)
        where TEvent : class
    {
        if (!_gateway.Signing.CanSign)
        {
            throw new InvalidOperationException($"The gateway has no signer: use INetwork.New...EventsRequest for {kind.Name}, sign its Digest offline and attach the signature with IGateway.NewSigned...EventsRequest.");
        }

        return NewBlockEvents(kind, options);
    }

    private BlockEventsRequestImpl<TEvent> NewBlockEvents<TEvent>(BlockEventKind<TEvent> kind, BlockEventsOptions? options)
        where TEvent : class
    {
        options ??= new BlockEventsOptions();
        if (options.Reconnect && !_gateway.Signing.CanSign)
        {
            throw new InvalidOperationException("BlockEventsOptions.Reconnect needs a signer: each reconnection signs a new request.");
        }

        // A checkpointer's block is where processing resumes; its transaction id has no meaning for whole blocks.
        var start = options.Checkpointer?.BlockNumber ?? options.StartBlock;
        var creator = _gateway.Signing.Creator;
        var resume = new BlockEventsResume(options, start, options.Reconnect ? block => BlockEventsEnvelopes.Payload(Name, creator, block) : null);
        return new BlockEventsRequestImpl<TEvent>(_gateway, kind, new Envelope { Payload = BlockEventsEnvelopes.Payload(Name, creator, start) }, resume);
    }

    private SignedChaincodeEventsRequest BuildEventsRequest(string chaincodeName, EventPosition position)
    {
        var request = new ChaincodeEventsRequest
        {
            ChannelId = Name,
            ChaincodeId = chaincodeName,
            Identity = _gateway.Signing.Creator,
            StartPosition = position.BlockNumber is { } block
                ? new SeekPosition { Specified = new SeekSpecified { Number = block } }
                : new SeekPosition { NextCommit = new SeekNextCommit() },
            AfterTransactionId = position.AfterTransactionId ?? string.Empty,
        };
        return new SignedChaincodeEventsRequest { Request = request.ToByteString() };
    }
}

/// <summary>Where an event stream resumes: a block, and the last transaction already delivered in it.</summary>
internal readonly record struct EventPosition(ulong? BlockNumber, string? AfterTransactionId);

/// <summary>What a reconnecting stream needs to sign a new request at a new position.</summary>
internal sealed record EventResume(string Channel, string Chaincode, ChaincodeEventsOptions Options, Func<EventPosition, SignedChaincodeEventsRequest>? ReSign);
