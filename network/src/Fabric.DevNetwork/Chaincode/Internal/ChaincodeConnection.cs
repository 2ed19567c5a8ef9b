using Fabric.DevNetwork.Ledger;
using Grpc.Core;
using Grpc.Net.Client;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// One peer's link to one chaincode server, as Fabric's peer keeps it for a <c>ccaas</c> chaincode:
/// the peer dials, the chaincode sends REGISTER, the peer answers REGISTERED and READY, then many
/// transactions run concurrently on the one stream, told apart by (channel id, tx id). When the stream
/// breaks, running transactions fail and the next transaction dials again (the chaincode restarted).
/// </summary>
internal sealed partial class ChaincodeConnection : IAsyncDisposable
{
    /// <summary>Fabric's peer limit for one chaincode message, either way (100 MiB).</summary>
    internal const int MaxMessageSize = 100 * 1024 * 1024;

    private readonly ChaincodeDefinition _definition;
    private readonly TimeSpan _executeTimeout;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private Session? _session;

    public ChaincodeConnection(ChaincodeDefinition definition, TimeSpan executeTimeout, ILogger logger)
    {
        _definition = definition;
        _executeTimeout = executeTimeout;
        _logger = logger;
    }

    /// <summary>
    /// Runs one transaction against <paramref name="snapshot"/> and returns what it produced. Like Fabric's
    /// peer, the TRANSACTION message carries the input, tx id, channel id and signed proposal, and no
    /// timestamp: shims take the time from the proposal's channel header. <paramref name="input"/> is the
    /// serialized <see cref="ChaincodeInput"/>, sent as it is (the proposal's own bytes, not a copy).
    /// </summary>
    /// <exception cref="ChaincodeExecutionException">The chaincode could not be reached or failed the transaction.</exception>
    public async Task<ExecutionResult> ExecuteAsync(
        string channelId, string txId, SignedProposal proposal, ByteString input, ILedgerSnapshot snapshot, CollectionRules collections,
        ChaincodeInvocation? invocation = null, CancellationToken cancellationToken = default)
    {
        var sets = new TransactionRwSets();
        sets.AddDefinitionRead(_definition.Name);
        var context = new SimulatedTransaction(channelId, txId, _definition.Name, snapshot, _definition.Batching, collections, invocation, sets);
        try
        {
            var reply = await RunAsync(context, proposal, input, cancellationToken).ConfigureAwait(false);
            if (reply.Type == ChaincodeMessage.Types.Type.Error)
            {
                throw new ChaincodeExecutionException("transaction returned with failure: " + reply.Payload.ToStringUtf8());
            }

            var response = Response.Parser.ParseFrom(reply.Payload);
            var rwset = context.Finish();
            var privateWrites = context.PrivateWrites();
            var chaincodeEvent = reply.ChaincodeEvent;
            if (chaincodeEvent is not null)
            {
                // The peer, not the shim, names the event's chaincode and transaction.
                chaincodeEvent.ChaincodeId = _definition.Name;
                chaincodeEvent.TxId = txId;
            }

            return new ExecutionResult(response, rwset, chaincodeEvent, privateWrites);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ChaincodeExecutionException("failed to unmarshal chaincode response: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Runs this chaincode as the target of another's INVOKE_CHAINCODE: same tx id and snapshot, its
    /// reads and writes recorded into <paramref name="sets"/>; returns its COMPLETED or ERROR message.
    /// </summary>
    public async Task<ChaincodeMessage> ExecuteNestedAsync(
        string channelId, string txId, ChaincodeInvocation invocation, ChaincodeInput input, ILedgerSnapshot snapshot, CollectionRules collections,
        TransactionRwSets sets, CancellationToken cancellationToken = default)
    {
        sets.AddDefinitionRead(_definition.Name);
        var context = new SimulatedTransaction(channelId, txId, _definition.Name, snapshot, _definition.Batching, collections, invocation, sets);
        var reply = await RunAsync(context, invocation.Proposal, input.ToByteString(), cancellationToken).ConfigureAwait(false);

        // its range reads join the transaction; its event does not (Fabric keeps the caller's only)
        context.CloseIterators();
        return reply;
    }

    /// <summary>Sends TRANSACTION for <paramref name="context"/> and waits for its COMPLETED or ERROR.</summary>
    private async Task<ChaincodeMessage> RunAsync(SimulatedTransaction context, SignedProposal proposal, ByteString input, CancellationToken cancellationToken)
    {
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var key = (context.ChannelId, context.TxId);
        if (!session.Transactions.TryAdd(key, context))
        {
            throw new ChaincodeExecutionException($"txid: {context.TxId}({context.ChannelId}) exists");
        }

        try
        {
            var message = new ChaincodeMessage
            {
                Type = ChaincodeMessage.Types.Type.Transaction,
                Payload = input,
                Txid = context.TxId,
                ChannelId = context.ChannelId,
                Proposal = proposal,
            };
            await session.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            try
            {
                return await context.Completion.Task.WaitAsync(_executeTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new ChaincodeExecutionException("timeout expired while executing transaction");
            }
        }
        finally
        {
            session.Transactions.TryRemove(key, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        var session = _session;
        _session = null;
        session?.Dispose();
        _disposed.Dispose();
        _connectLock.Dispose();
    }

    /// <summary>Dials the chaincode now instead of on the first transaction (no-op when connected).</summary>
    public async Task EnsureConnectedAsync(CancellationToken cancellationToken) => await GetSessionAsync(cancellationToken).ConfigureAwait(false);

    private async Task<Session> GetSessionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var current = _session;
        if (current is { IsAlive: true })
        {
            return current;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _session;
            if (current is { IsAlive: true })
            {
                return current;
            }

            current?.Dispose();
            _session = null;
            var session = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            _session = session;
            return session;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<Session> ConnectAsync(CancellationToken cancellationToken)
    {
        var channel = GrpcChannel.ForAddress("http://" + _definition.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan, UseProxy = false },
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxMessageSize,
            MaxSendMessageSize = MaxMessageSize,
        });
        var call = new Hyperledger.Fabric.Protos.Peer.Chaincode.ChaincodeClient(channel).Connect(cancellationToken: _disposed.Token);
        var session = new Session(this, channel, call);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            if (!await call.ResponseStream.MoveNext(timeout.Token).ConfigureAwait(false))
            {
                throw new ChaincodeExecutionException("chaincode closed the stream before registering");
            }

            var first = call.ResponseStream.Current;
            if (first.Type != ChaincodeMessage.Types.Type.Register)
            {
                throw new ChaincodeExecutionException($"expected REGISTER from the chaincode, got {first.Type}");
            }

            var id = ChaincodeID.Parser.ParseFrom(first.Payload);
            if (!string.Equals(id.Name, _definition.PackageId, StringComparison.Ordinal))
            {
                // Rule 6. Fabric's peer answers nothing ("peer will not accept external chaincode
                // connection ... (except in dev mode)") and the launch times out; refuse at once instead.
                LogWrongPackageId(_logger, _definition.Name, _definition.Address, id.Name, _definition.PackageId);
                throw new ChaincodeExecutionException(
                    $"could not launch chaincode {_definition.PackageId}: the chaincode at {_definition.Address} registered as '{id.Name}': " +
                    $"peer will not accept external chaincode connection {id.Name} (except in dev mode); start it with CHAINCODE_ID={_definition.PackageId}");
            }

            await session.WriteAsync(new ChaincodeMessage { Type = ChaincodeMessage.Types.Type.Registered }, cancellationToken).ConfigureAwait(false);
            await session.WriteAsync(new ChaincodeMessage { Type = ChaincodeMessage.Types.Type.Ready, Payload = SimulatedTransaction.ReadyPayload(_definition.Batching) }, cancellationToken).ConfigureAwait(false);
            LogRegistered(_logger, _definition.Name, id.Name, _definition.Address);
            session.StartReceiving();
            return session;
        }
        catch (Exception ex) when (ex is RpcException or InvalidProtocolBufferException or OperationCanceledException or IOException or HttpRequestException)
        {
            session.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new ChaincodeExecutionException($"connection to chaincode {_definition.Name} at {_definition.Address} failed: {ex.Message}", ex);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Chaincode {Name} registered as {PackageId} from {Address}")]
    private static partial void LogRegistered(ILogger logger, string name, string packageId, string address);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Chaincode {Name} at {Address} registered as '{Registered}', but its definition's package id is '{Expected}': refused. Start the chaincode with CHAINCODE_ID={Expected}; on Fabric the peer would not recognise it and the launch would time out")]
    private static partial void LogWrongPackageId(ILogger logger, string name, string address, string registered, string expected);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Stream to chaincode {Name} ended: {Reason}")]
    private static partial void LogStreamEnded(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Chaincode {Name} sent {Type} for unknown transaction {TxId}")]
    private static partial void LogUnknownTransaction(ILogger logger, string name, ChaincodeMessage.Types.Type type, string txId);
}
