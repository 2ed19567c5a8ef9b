using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

internal sealed partial class ChaincodeConnection
{
    /// <summary>One live Connect stream: a write lock, the receive loop and the transactions in flight.</summary>
    private sealed class Session : IDisposable
    {
        private readonly ChaincodeConnection _owner;
        private readonly GrpcChannel _channel;
        private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;
        private readonly SemaphoreSlim _writeLock = new(1, 1);
        private volatile bool _alive = true;

        public Session(ChaincodeConnection owner, GrpcChannel channel, AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> call)
        {
            _owner = owner;
            _channel = channel;
            _call = call;
        }

        public ConcurrentDictionary<(string ChannelId, string TxId), SimulatedTransaction> Transactions { get; } = new();

        public bool IsAlive => _alive;

        public async Task WriteAsync(ChaincodeMessage message, CancellationToken cancellationToken)
        {
            if (!_alive)
            {
                throw new ChaincodeExecutionException(ChaincodeProtocol.StreamTerminated);
            }

            // A message over the limit fails only its own transaction, before a byte is written: the
            // stream is shared by every transaction in flight, as Fabric fails only that one send.
            var size = message.CalculateSize();
            if (size > MaxMessageSize)
            {
                var txId = message.Txid.Length > 8 ? message.Txid[..8] : message.Txid;
                var type = ChaincodeMessage.Descriptor.EnumTypes[0].FindValueByNumber((int)message.Type)?.Name ?? message.Type.ToString();
                throw new ChaincodeExecutionException(
                    $"[{txId}] error sending {type}: trying to send message larger than max ({size} vs. {MaxMessageSize})");
            }

            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _call.RequestStream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                Fail(ex.Message);
                throw new ChaincodeExecutionException("error sending to chaincode: " + ChaincodeProtocol.StreamTerminated, ex);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        public void StartReceiving() => _ = Task.Run(ReceiveLoopAsync);

        public void Dispose()
        {
            Fail("connection closed by the peer");
            _call.Dispose();
            _channel.Dispose();
        }

        private async Task ReceiveLoopAsync()
        {
            var reason = "chaincode closed the stream";
            try
            {
                while (await _call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
                {
                    await DispatchAsync(_call.ResponseStream.Current).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RpcException or IOException or OperationCanceledException or ChaincodeExecutionException or ObjectDisposedException or InvalidOperationException)
            {
                reason = ex.Message;
            }

            if (_alive)
            {
                LogStreamEnded(_owner._logger, _owner._definition.Name, reason);
            }

            Fail(reason);
        }

        private async Task DispatchAsync(ChaincodeMessage message)
        {
            if (message.Type == ChaincodeMessage.Types.Type.Keepalive)
            {
                return;
            }

            if (!Transactions.TryGetValue((message.ChannelId, message.Txid), out var context))
            {
                LogUnknownTransaction(_owner._logger, _owner._definition.Name, message.Type, message.Txid);
                return;
            }

            if (message.Type is ChaincodeMessage.Types.Type.Completed or ChaincodeMessage.Types.Type.Error)
            {
                context.Completion.TrySetResult(message);
                return;
            }

            if (message.Type == ChaincodeMessage.Types.Type.InvokeChaincode)
            {
                // The called chaincode may answer on this very stream: never wait for it on the receive loop.
                _ = Task.Run(async () => await ReplyAsync(context, await context.InvokeAsync(message, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false));
                return;
            }

            // State calls are answered from an in-memory snapshot, so handling them inline is cheap
            // and keeps each transaction's calls in order.
            await ReplyAsync(context, context.Handle(message)).ConfigureAwait(false);
        }

        private async Task ReplyAsync(SimulatedTransaction context, ChaincodeMessage reply)
        {
            try
            {
                await WriteAsync(reply, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ChaincodeExecutionException ex)
            {
                // Either the stream is gone (Fail has told every transaction) or only this reply could
                // not be sent: then only this transaction fails.
                context.Completion.TrySetException(ex);
            }
        }

        private void Fail(string reason)
        {
            _alive = false;
            foreach (var context in Transactions.Values)
            {
                context.Completion.TrySetException(new ChaincodeExecutionException($"{reason}: {ChaincodeProtocol.StreamTerminated}"));
            }
        }
    }
}
