using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>
/// The chaincode side of one Connect stream: a small state machine (created -> established -> ready)
/// that registers, routes RESPONSE/ERROR messages to the waiting transaction by (channel, tx id),
/// and starts every INIT/TRANSACTION on its own task so the receive loop never runs chaincode code.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The write gate holds no wait handle; late sends from stray chaincode tasks may still use it after the stream ends.")]
internal sealed partial class ChaincodeStreamHandler
{
    private readonly IChaincode _chaincode;
    private readonly string _chaincodeId;
    private readonly IAsyncStreamWriter<ChaincodeMessage> _writer;
    private readonly string _peer;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<(string ChannelId, string TxId), InFlightTransaction> _transactions = new();
    private StreamState _state = StreamState.Created;
    private PeerFeatures _features = PeerFeatures.None;
    private bool _closed;

    public ChaincodeStreamHandler(IChaincode chaincode, string chaincodeId, IAsyncStreamWriter<ChaincodeMessage> writer, string peer, ILogger logger)
    {
        _chaincode = chaincode;
        _chaincodeId = chaincodeId;
        _writer = writer;
        _peer = peer;
        _logger = logger;
    }

    private enum StreamState
    {
        Created,
        Established,
        Ready,
    }

    /// <summary>What the peer offered in READY; set before any transaction starts on the stream.</summary>
    internal PeerFeatures Features => _features;

    /// <summary>Runs the conversation until the peer closes the stream or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(IAsyncStreamReader<ChaincodeMessage> reader, CancellationToken cancellationToken = default)
    {
        ShimLog.PeerConnected(_logger, _peer, _chaincodeId);
        try
        {
            await WriteAsync(ChaincodeMessages.Register(_chaincodeId), cancellationToken).ConfigureAwait(false);
            while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                if (!await HandleAsync(reader.Current, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // server stopping or peer gone: the finally block fails what is in flight
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The stream ends with a non-OK status, so the peer sees a failure, not a clean hang-up.
            // The status names the failure's type only: the message may hold stored values.
            ShimLog.StreamFailed(_logger, _peer, e);
            throw e as RpcException ?? new RpcException(new Status(StatusCode.Internal, "chaincode stream failed: " + e.GetType().Name));
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> HandleAsync(ChaincodeMessage message, CancellationToken cancellationToken)
    {
        if (message.Type == MessageType.Keepalive)
        {
            // Answer like the Go shim: echo the keep-alive back, off the receive loop.
            _ = SendAsync(message, message.ChannelId, message.Txid);
            return true;
        }

        switch (_state)
        {
            case StreamState.Created when message.Type == MessageType.Registered:
                _state = StreamState.Established;
                return true;
            case StreamState.Established when message.Type == MessageType.Ready:
                // Fabric 3.x offers write batching and multi-key reads here; 2.5 sends nothing.
                _features = PeerFeatures.FromReady(message.Payload);
                _state = StreamState.Ready;
                ShimLog.StreamReady(_logger, _peer);
                return true;
            case StreamState.Ready:
                HandleReady(message, cancellationToken);
                return true;
            default:
                await RejectAsync(message).ConfigureAwait(false);
                return false;
        }
    }

    private void HandleReady(ChaincodeMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case MessageType.Response:
            case MessageType.Error:
                if (!_transactions.TryGetValue((message.ChannelId, message.Txid), out var transaction) || !transaction.TryDeliver(message))
                {
                    ShimLog.UnexpectedMessage(_logger, ChaincodeMessages.Name(message.Type), message.ChannelId, message.Txid, "ready (no request waiting)");
                }

                break;
            case MessageType.Init:
            case MessageType.Transaction:
                StartTransaction(message, cancellationToken);
                break;
            default:
                _ = RejectAsync(message);
                break;
        }
    }

    private Task RejectAsync(ChaincodeMessage message)
    {
        var state = _state.ToString().ToLowerInvariant();
        ShimLog.UnexpectedMessage(_logger, ChaincodeMessages.Name(message.Type), message.ChannelId, message.Txid, state);
        var text = $"[{message.ChannelId}-{message.Txid}] chaincode cannot handle message ({ChaincodeMessages.Name(message.Type)}) while in state: {state}";
        return SendAsync(ChaincodeMessages.Error(text, message.ChannelId, message.Txid), message.ChannelId, message.Txid);
    }

    /// <summary>Sends one message; writes are serialised because a gRPC stream allows one writer at a time.</summary>
    internal async Task WriteAsync(ChaincodeMessage message, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                throw new PeerRequestException(ChaincodeMessages.Name(message.Type), "the stream to the peer is closed", disconnected: true);
            }

            // The token only bounds the wait for the gate: a write cancelled half-way would corrupt the stream.
            await _writer.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Sends without throwing: failures are logged (used for replies nobody waits on).</summary>
    private async Task SendAsync(ChaincodeMessage message, string channelId, string txId)
    {
        try
        {
            await WriteAsync(message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ShimLog.SendFailed(_logger, channelId, txId, ChaincodeMessages.Name(message.Type), e);
        }
    }

    private async Task CloseAsync()
    {
        // Under the write gate, so no write can start on a stream the transport has finished with.
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
        }
        finally
        {
            _writeGate.Release();
        }

        var inFlight = _transactions.Values.ToArray();
        foreach (var transaction in inFlight)
        {
            transaction.Disconnect();
        }

        ShimLog.StreamEnded(_logger, _peer, inFlight.Length);
    }
}
