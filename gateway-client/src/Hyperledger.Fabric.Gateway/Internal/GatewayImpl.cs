using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>The gateway: signing context, connections and options shared by everything made from it.</summary>
internal sealed class GatewayImpl : IGateway
{
    private int _disposed;

    public GatewayImpl(GatewayOptions options)
    {
        Options = options;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("Hyperledger.Fabric.Gateway.Gateway");
        Signing = new SigningContext(options.Identity!, options.Signer, options.Hash);
        Pool = EndpointPool.Create(options, LoggerFactory);
        GatewayLog.Connected(Logger, Signing.Identity.MspId, Pool.Count, Pool.PreferredAddress);
    }

    public GatewayOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public SigningContext Signing { get; }

    public EndpointPool Pool { get; }

    public IIdentity Identity => Signing.Identity;

    public static DateTime? DeadlineAfter(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? null : DateTime.UtcNow + timeout;

    public INetwork GetNetwork(string channelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ThrowIfDisposed();
        return new NetworkImpl(this, channelName);
    }

    /// <summary>
    /// The gRPC options of one call: the per-call deadline when the caller gave one, else the step's default
    /// timeout; the caller's headers; the caller's token. Returns the time allowed, for timeout messages.
    /// </summary>
    public static (CallOptions Options, TimeSpan Allowed) CallOptionsFor(TimeSpan timeout, GatewayCallOptions? callOptions, CancellationToken cancellationToken)
    {
        var deadline = callOptions?.Deadline is { } given ? given.ToUniversalTime() : DeadlineAfter(timeout);
        var allowed = callOptions?.Deadline is not null ? deadline!.Value - DateTime.UtcNow : timeout;
        return (new CallOptions(headers: callOptions?.Headers, deadline: deadline, cancellationToken: cancellationToken), allowed);
    }

    /// <summary>A unary call with failover, its span and metrics, logging and the one error mapping.</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, GatewayCall call, TimeSpan timeout, GatewayCallOptions? callOptions,
        CancellationToken cancellationToken, Action<TResponse, System.Diagnostics.Activity?>? onResponse = null)
        where TRequest : class
        where TResponse : class
    {
        ThrowIfDisposed();
        var operation = call.Operation;
        GatewayLog.Calling(Logger, operation, call.TransactionId, call.Channel, Pool.PreferredAddress);
        var (options, allowed) = CallOptionsFor(timeout, callOptions, cancellationToken);
        var stage = GatewayInstruments.Start(operation, call.Channel, call.Chaincode, call.TransactionId);
        try
        {
            // Submit moves to another endpoint only when the request never left: a sent transaction may be ordered.
            var response = await Pool.UnaryAsync(method, request, operation, options, operation == GatewayOperation.Submit, callOptions?.Deadline is null ? timeout : null).ConfigureAwait(false);
            onResponse?.Invoke(response, stage.Activity);
            stage.Succeeded();
            return response;
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            var canceled = new OperationCanceledException(cancellationToken);
            stage.Failed(canceled);
            throw canceled;
        }
        catch (RpcException e)
        {
            stage.Failed(e);
            GatewayLog.CallFailed(Logger, operation, call.TransactionId, e.StatusCode, e.Status.Detail);
            throw GatewayErrors.Map(e, operation, call.TransactionId, allowed);
        }
        catch (Exception e)
        {
            stage.Failed(e);
            throw;
        }
    }

    public IProposal NewProposal(ReadOnlyMemory<byte> bytes) => new ProposalImpl(this, Parse(ProposedTransaction.Parser, bytes, "proposal"));

    public IProposal NewSignedProposal(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var proposed = Parse(ProposedTransaction.Parser, bytes, "proposal");
        proposed.Proposal.Signature = RequireSignature(signature);
        return new ProposalImpl(this, proposed);
    }

    public ITransaction NewTransaction(ReadOnlyMemory<byte> bytes) => new TransactionImpl(this, Parse(PreparedTransaction.Parser, bytes, "transaction"));

    public ITransaction NewSignedTransaction(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var prepared = Parse(PreparedTransaction.Parser, bytes, "transaction");
        prepared.Envelope.Signature = RequireSignature(signature);
        return new TransactionImpl(this, prepared);
    }

    public ICommit NewCommit(ReadOnlyMemory<byte> bytes) => new CommitImpl(this, Parse(SignedCommitStatusRequest.Parser, bytes, "commit"), ReadOnlyMemory<byte>.Empty);

    public ICommit NewSignedCommit(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var request = Parse(SignedCommitStatusRequest.Parser, bytes, "commit");
        request.Signature = RequireSignature(signature);
        return new CommitImpl(this, request, ReadOnlyMemory<byte>.Empty);
    }

    public IChaincodeEventsRequest NewChaincodeEventsRequest(ReadOnlyMemory<byte> bytes) =>
        new ChaincodeEventsRequestImpl(this, Parse(SignedChaincodeEventsRequest.Parser, bytes, "chaincode events request"), null);

    public IChaincodeEventsRequest NewSignedChaincodeEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
    {
        var request = Parse(SignedChaincodeEventsRequest.Parser, bytes, "chaincode events request");
        request.Signature = RequireSignature(signature);
        return new ChaincodeEventsRequestImpl(this, request, null);
    }

    public IBlockEventsRequest<Hyperledger.Fabric.Protos.Common.Block> NewSignedBlockEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature) =>
        NewSignedBlockEvents(BlockEventKinds.Blocks, bytes, signature);

    public IBlockEventsRequest<Hyperledger.Fabric.Protos.Peer.FilteredBlock> NewSignedFilteredBlockEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature) =>
        NewSignedBlockEvents(BlockEventKinds.Filtered, bytes, signature);

    public IBlockEventsRequest<Hyperledger.Fabric.Protos.Peer.BlockAndPrivateData> NewSignedBlockAndPrivateDataEventsRequest(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature) =>
        NewSignedBlockEvents(BlockEventKinds.WithPrivateData, bytes, signature);

    private BlockEventsRequestImpl<TEvent> NewSignedBlockEvents<TEvent>(BlockEventKind<TEvent> kind, ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> signature)
        where TEvent : class
    {
        var envelope = Parse(Hyperledger.Fabric.Protos.Common.Envelope.Parser, bytes, "block events request");
        envelope.Signature = RequireSignature(signature);
        return new BlockEventsRequestImpl<TEvent>(this, kind, envelope, null);
    }

    public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Pool.Dispose();
        GatewayLog.Disposed(Logger);
    }

    private static ByteString RequireSignature(ReadOnlyMemory<byte> signature)
    {
        if (signature.IsEmpty)
        {
            throw new ArgumentException("The signature is empty.", nameof(signature));
        }

        return ByteString.CopyFrom(signature.Span);
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlyMemory<byte> bytes, string what)
        where T : IMessage<T>
    {
        if (bytes.IsEmpty)
        {
            throw new ArgumentException($"The serialised {what} is empty.", nameof(bytes));
        }

        try
        {
            var message = parser.ParseFrom(bytes.Span);
            Validate(message, what);
            return message;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"The bytes are not a serialised {what}: {e.Message}", nameof(bytes), e);
        }
    }

    private static void Validate<T>(T message, string what)
    {
        var valid = message switch
        {
            ProposedTransaction p => p.Proposal is { ProposalBytes.IsEmpty: false } && p.TransactionId.Length > 0,
            PreparedTransaction t => t.Envelope is { Payload.IsEmpty: false } && t.TransactionId.Length > 0,
            SignedCommitStatusRequest c => !c.Request.IsEmpty,
            SignedChaincodeEventsRequest e => !e.Request.IsEmpty,
            _ => true,
        };
        if (!valid)
        {
            throw new ArgumentException($"The bytes are not a serialised {what}: required fields are missing.", "bytes");
        }
    }
}

/// <summary>Which step a call is and what it is about, for logs, spans and error mapping.</summary>
internal readonly record struct GatewayCall(GatewayOperation Operation, string Channel, string? Chaincode, string? TransactionId);
