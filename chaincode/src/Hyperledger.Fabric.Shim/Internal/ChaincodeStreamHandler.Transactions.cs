using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Internal;

/// <content>Running transactions and the request/response calls their stubs make.</content>
internal sealed partial class ChaincodeStreamHandler
{
    private void StartTransaction(ChaincodeMessage message, CancellationToken streamToken)
    {
        var key = (message.ChannelId, message.Txid);
        var transaction = new InFlightTransaction(message.ChannelId, message.Txid, streamToken);
        if (!_transactions.TryAdd(key, transaction))
        {
            transaction.Dispose();
            var reason = $"[{message.ChannelId}-{message.Txid}] duplicate transaction: one with this channel and tx id is already running";
            ShimLog.TransactionRejected(_logger, message.ChannelId, message.Txid, reason);
            _ = SendAsync(ChaincodeMessages.Error(reason, message.ChannelId, message.Txid), message.ChannelId, message.Txid);
            return;
        }

        // Each transaction on its own task: the receive loop must stay free to deliver responses.
        _ = Task.Run(() => ExecuteAsync(transaction, message), CancellationToken.None);
    }

    private async Task ExecuteAsync(InFlightTransaction transaction, ChaincodeMessage message)
    {
        ChaincodeMessage reply;
        try
        {
            reply = await InvokeChaincodeAsync(transaction, message).ConfigureAwait(false);
        }
        finally
        {
            _transactions.TryRemove((transaction.ChannelId, transaction.TxId), out _);
        }

        // A stream that is ending (peer gone, server stopping) gets nothing more from this transaction.
        if (!transaction.IsDisconnected && !transaction.CancellationToken.IsCancellationRequested)
        {
            await SendAsync(reply, transaction.ChannelId, transaction.TxId).ConfigureAwait(false);
        }

        transaction.Dispose();
    }

    private async Task<ChaincodeMessage> InvokeChaincodeAsync(InFlightTransaction transaction, ChaincodeMessage message)
    {
        ChaincodeStub stub;
        try
        {
            var input = ChaincodeInput.Parser.ParseFrom(message.Payload);
            var proposal = ProposalDetails.Decode(message.Proposal);
            stub = new ChaincodeStub(this, transaction, input, message.Proposal, proposal, _features);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            // Protocol-level failure: like the official shims, answer with an ERROR message.
            transaction.Close("the transaction input could not be decoded");
            ShimLog.TransactionRejected(_logger, transaction.ChannelId, transaction.TxId, e.Message);
            return ChaincodeMessages.Error("failed to decode the transaction: " + e.Message, transaction.ChannelId, transaction.TxId);
        }

        ChaincodeResponse response;
        try
        {
            response = message.Type == MessageType.Init
                ? await _chaincode.InitAsync(stub, transaction.CancellationToken).ConfigureAwait(false)
                : await _chaincode.InvokeAsync(stub, transaction.CancellationToken).ConfigureAwait(false);
            response ??= ChaincodeResponse.Error("the chaincode returned no response");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ShimLog.ChaincodeThrew(_logger, transaction.ChannelId, transaction.TxId, e);
            response = ChaincodeResponse.Error(e.Message);
        }

        var function = stub.Args.Count > 0 ? stub.StringArgs[0] : string.Empty;
        try
        {
            // Batched writes go to the peer before COMPLETED; a failed transaction's writes are dropped unsent,
            // since the peer discards its simulation anyway.
            if (response.Status < ChaincodeResponse.ErrorThreshold)
            {
                await stub.FlushWritesAsync(transaction.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (PeerRequestException e)
        {
            transaction.Close("the write batch failed");
            ShimLog.TransactionRejected(_logger, transaction.ChannelId, transaction.TxId, e.Message);
            Record(transaction, function);
            return ChaincodeMessages.Error("failed to send the write batch: " + e.Message, transaction.ChannelId, transaction.TxId);
        }

        // From here on the stub refuses every call: a late write from stray chaincode code must not reach the peer.
        transaction.Close("the transaction has completed");
        ShimLog.TransactionCompleted(_logger, transaction.ChannelId, transaction.TxId, function, response.Status, transaction.RoundTrips);
        Record(transaction, function);
        return ChaincodeMessages.Completed(transaction.ChannelId, transaction.TxId, response, stub.Event);
    }

    private static void Record(InFlightTransaction transaction, string function)
    {
        if (ShimMetrics.RoundTrips.Enabled)
        {
            ShimMetrics.RoundTrips.Record(transaction.RoundTrips, new KeyValuePair<string, object?>(ShimMetrics.FunctionTag, function));
        }
    }

    /// <summary>
    /// Sends one request for a transaction and waits for the peer's RESPONSE (its payload) or ERROR
    /// (thrown as <see cref="PeerRequestException"/>). Requests of one transaction go one at a time.
    /// </summary>
    internal async Task<ByteString> CallPeerAsync(InFlightTransaction transaction, MessageType type, IMessage payload, CancellationToken cancellationToken)
    {
        var name = ChaincodeMessages.Name(type);
        transaction.ThrowIfClosed(name);
        try
        {
            return await CallPeerCoreAsync(transaction, type, name, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation: the stream is ending under the transaction.
            throw new PeerRequestException(name, $"[{transaction.ShortTxId}] {name} failed: the stream to the peer closed before it answered", disconnected: true);
        }
    }

    private async Task<ByteString> CallPeerCoreAsync(InFlightTransaction transaction, MessageType type, string name, IMessage payload, CancellationToken cancellationToken)
    {
        // Chaincode code usually passes the transaction's own token (or none): then no linked source is needed.
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != transaction.CancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, transaction.CancellationToken)
            : null;
        var token = linked?.Token ?? transaction.CancellationToken;
        await transaction.EnterRequestAsync(token).ConfigureAwait(false);
        try
        {
            var answer = transaction.BeginRequest(name);
            try
            {
                try
                {
                    await WriteAsync(ChaincodeMessages.Request(type, payload, transaction.ChannelId, transaction.TxId), token).ConfigureAwait(false);
                    transaction.CountRoundTrip();
                    if (ShimMetrics.Requests.Enabled)
                    {
                        ShimMetrics.Requests.Add(1, new KeyValuePair<string, object?>(ShimMetrics.MessageTypeTag, name));
                    }
                }
                catch (Exception e) when (e is not (PeerRequestException or OperationCanceledException or OutOfMemoryException))
                {
                    throw new PeerRequestException(name, $"[{transaction.ShortTxId}] {name} could not be sent to the peer: {e.Message}", disconnected: true, e);
                }

                ChaincodeMessage reply;
                try
                {
                    reply = await answer.WaitAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The peer will still answer; a later request could take that answer for its own.
                    transaction.Close("a request was cancelled while the peer was answering it");
                    throw;
                }

                return reply.Type switch
                {
                    MessageType.Response => reply.Payload,
                    MessageType.Error => throw new PeerRequestException(name, reply.Payload.ToStringUtf8(), disconnected: false),
                    _ => throw new PeerRequestException(name, $"[{transaction.ShortTxId}] incorrect chaincode message {ChaincodeMessages.Name(reply.Type)} received; expecting RESPONSE or ERROR", disconnected: false),
                };
            }
            finally
            {
                transaction.EndRequest();
            }
        }
        finally
        {
            transaction.ExitRequest();
        }
    }
}
