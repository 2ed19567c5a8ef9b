using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>
/// The peer side of <c>protos.Chaincode/Connect</c>, scripted by tests: dials the chaincode server
/// over a real socket with Grpc.Net.Client, checks REGISTER, sends REGISTERED and READY, sends
/// TRANSACTION messages and answers the chaincode's requests. It records every message it receives.
/// </summary>
internal sealed class FakePeer : IAsyncDisposable
{
    public const string Channel = "healthchannel";

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;
    private readonly ConcurrentDictionary<string, Channel<ChaincodeMessage>> _inboxes = new();
    private readonly List<ChaincodeMessage> _received = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private Task _receiveLoop = Task.CompletedTask;

    private FakePeer(GrpcChannel channel)
    {
        _channel = channel;
        _call = new Chaincode.ChaincodeClient(channel).Connect();
    }

    /// <summary>Every message received from the chaincode, in arrival order (REGISTER first).</summary>
    public IReadOnlyList<ChaincodeMessage> Received
    {
        get { lock (_gate) { return _received.ToArray(); } }
    }

    /// <summary>Completes when the chaincode ends the stream (or it breaks).</summary>
    public Task Closed => _receiveLoop;

    public static async Task<FakePeer> ConnectAsync(string address, bool handshake = true, GrpcChannelOptions? options = null, ByteString? ready = null)
    {
        var peer = new FakePeer(GrpcChannel.ForAddress(address, options ?? new GrpcChannelOptions()));
        peer._receiveLoop = Task.Run(peer.ReceiveLoopAsync);
        if (handshake)
        {
            var register = await peer.ReceiveAsync(string.Empty);
            Assert.Equal(MessageType.Register, register.Type);
            await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Registered });
            await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Ready, Payload = ready ?? ByteString.Empty });
        }

        return peer;
    }

    public async Task SendAsync(ChaincodeMessage message)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _call.RequestStream.WriteAsync(message).WithTimeout(TestTimeouts.Short);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The next message the chaincode sent for <paramref name="txId"/> ("" for stream-level messages).</summary>
    public async Task<ChaincodeMessage> ReceiveAsync(string txId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Short);
        try
        {
            return await Inbox(txId).Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message for tx '{txId}' within {timeout ?? TestTimeouts.Short}");
        }
    }

    public Task SendTransactionAsync(string txId, IEnumerable<string> args, SignedProposal? proposal = null, MessageType type = MessageType.Transaction, string channel = Channel)
    {
        var message = new ChaincodeMessage { Type = type, Txid = txId, ChannelId = channel, Payload = ProposalBuilder.Input(args).ToByteString() };
        if (proposal is not null)
        {
            message.Proposal = proposal;
        }

        return SendAsync(message);
    }

    /// <summary>Answers the chaincode's requests for one transaction until it sends COMPLETED or ERROR, which is returned.</summary>
    public async Task<ChaincodeMessage> ServeAsync(string txId, Func<ChaincodeMessage, ChaincodeMessage> respond, string channel = Channel)
    {
        while (true)
        {
            var message = await ReceiveAsync(txId);
            if (message.Type is MessageType.Completed or MessageType.Error)
            {
                return message;
            }

            var reply = respond(message);
            reply.Txid = txId;
            reply.ChannelId = channel;
            await SendAsync(reply);
        }
    }

    public async Task<ChaincodeMessage> RunAsync(string txId, IEnumerable<string> args, Func<ChaincodeMessage, ChaincodeMessage> respond, SignedProposal? proposal = null)
    {
        await SendTransactionAsync(txId, args, proposal);
        return await ServeAsync(txId, respond);
    }

    public static ChaincodeMessage Response(IMessage payload) => new() { Type = MessageType.Response, Payload = payload.ToByteString() };

    public static ChaincodeMessage Response(ByteString payload) => new() { Type = MessageType.Response, Payload = payload };

    public static ChaincodeMessage Error(string text) => new() { Type = MessageType.Error, Payload = ByteString.CopyFromUtf8(text) };

    /// <summary>Breaks the connection the way a crashed peer would (cancels the call).</summary>
    public void Disconnect() => _call.Dispose();

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        try
        {
            await _receiveLoop.WaitAsync(TestTimeouts.Short);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or IOException or TimeoutException or ObjectDisposedException)
        {
            // the stream is being torn down on purpose
        }

        _channel.Dispose();
        _writeGate.Dispose();
    }

    private Channel<ChaincodeMessage> Inbox(string txId) => _inboxes.GetOrAdd(txId, _ => System.Threading.Channels.Channel.CreateUnbounded<ChaincodeMessage>());

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext())
            {
                var message = _call.ResponseStream.Current;
                lock (_gate)
                {
                    _received.Add(message);
                }

                await Inbox(message.Txid).Writer.WriteAsync(message);
            }
        }
        finally
        {
            foreach (var inbox in _inboxes.Values)
            {
                inbox.Writer.TryComplete();
            }
        }
    }
}
