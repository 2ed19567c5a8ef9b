using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace TestSupport;

/// <summary>
/// The peer side of <c>protos.Chaincode/Connect</c>, scripted by tests: dials the chaincode server
/// over a real socket with Grpc.Net.Client, checks REGISTER, sends REGISTERED and READY, sends
/// TRANSACTION messages and answers the chaincode's requests (by hand, or from a <see cref="ScriptedLedger"/>).
/// It records every message it receives. Shared by the shim's and the health-records chaincode's tests.
/// </summary>
public sealed class FakePeer : IAsyncDisposable
{
    /// <summary>The channel every transaction runs on unless a test names another.</summary>
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

    /// <summary>Dials the chaincode at <paramref name="address"/>; with <paramref name="handshake"/>, checks REGISTER and sends REGISTERED and READY (with <paramref name="ready"/> as its payload).</summary>
    public static async Task<FakePeer> ConnectAsync(string address, bool handshake = true, GrpcChannelOptions? options = null, ByteString? ready = null)
    {
        var peer = new FakePeer(GrpcChannel.ForAddress(address, options ?? new GrpcChannelOptions()));
        peer._receiveLoop = Task.Run(peer.ReceiveLoopAsync);
        if (handshake)
        {
            var register = await peer.ReceiveAsync(string.Empty);
            if (register.Type != MessageType.Register)
            {
                throw new InvalidOperationException($"the chaincode opened with {register.Type}, not REGISTER");
            }

            await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Registered });
            await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Ready, Payload = ready ?? ByteString.Empty });
        }

        return peer;
    }

    /// <summary>Sends one message to the chaincode (writes are serialized, as gRPC requires).</summary>
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

    /// <summary>Sends a TRANSACTION (or another <paramref name="type"/>) carrying <paramref name="args"/> and, optionally, the signed proposal.</summary>
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

    /// <summary>Sends a transaction and serves it with <paramref name="respond"/> until the chaincode finishes it.</summary>
    public async Task<ChaincodeMessage> RunAsync(string txId, IEnumerable<string> args, Func<ChaincodeMessage, ChaincodeMessage> respond, SignedProposal? proposal = null)
    {
        await SendTransactionAsync(txId, args, proposal);
        return await ServeAsync(txId, respond);
    }

    /// <summary>
    /// Runs one transaction against <paramref name="ledger"/>: serves the chaincode's state requests from it and
    /// commits the transaction's writes when it completes with a status below 400.
    /// </summary>
    public async Task<ChaincodeMessage> RunAsync(string txId, IEnumerable<string> args, ScriptedLedger ledger, SignedProposal? proposal = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var final = await RunAsync(txId, args, ledger.Respond, proposal);
        ledger.Complete(final);
        return final;
    }

    /// <summary>The messages of <paramref name="type"/> the chaincode sent for <paramref name="txId"/>, in order.</summary>
    public IReadOnlyList<ChaincodeMessage> Requests(string txId, MessageType type) =>
        Received.Where(m => m.Txid == txId && m.Type == type).ToArray();

    /// <summary>A RESPONSE carrying <paramref name="payload"/>.</summary>
    public static ChaincodeMessage Response(IMessage payload) => new() { Type = MessageType.Response, Payload = payload.ToByteString() };

    /// <summary>A RESPONSE carrying <paramref name="payload"/>.</summary>
    public static ChaincodeMessage Response(ByteString payload) => new() { Type = MessageType.Response, Payload = payload };

    /// <summary>An ERROR carrying <paramref name="text"/>.</summary>
    public static ChaincodeMessage Error(string text) => new() { Type = MessageType.Error, Payload = ByteString.CopyFromUtf8(text) };

    /// <summary>Breaks the connection the way a crashed peer would (cancels the call).</summary>
    public void Disconnect() => _call.Dispose();

    /// <inheritdoc />
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
