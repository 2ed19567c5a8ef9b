using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Orderer;

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
