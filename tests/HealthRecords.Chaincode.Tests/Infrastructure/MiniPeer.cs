using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Ledger.Queryresult;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>
/// A minimal peer-side script for <c>protos.Chaincode/Connect</c>: dials the chaincode over a real
/// socket, does the REGISTER / REGISTERED / READY handshake, then runs one transaction at a time,
/// answering GET_STATE, PUT_STATE and range queries from a small world state it commits itself.
/// </summary>
internal sealed class MiniPeer : IAsyncDisposable
{
    public const string Channel = "healthchannel";

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;
    private readonly SortedDictionary<string, byte[]> _state = new(StringComparer.Ordinal);

    private MiniPeer(string address)
    {
        // Grpc.Net.Client sends the request headers before the first message, so the chaincode (which speaks first) is reached.
        _channel = GrpcChannel.ForAddress(address);
        _call = new Hyperledger.Fabric.Protos.Peer.Chaincode.ChaincodeClient(_channel).Connect();
    }

    /// <summary>The REGISTER message the chaincode opened with.</summary>
    public ChaincodeMessage? Register { get; private set; }

    public static async Task<MiniPeer> ConnectAsync(string address)
    {
        var peer = new MiniPeer(address);
        peer.Register = await peer.ReadAsync();
        await peer.WriteAsync(new ChaincodeMessage { Type = MessageType.Registered });
        await peer.WriteAsync(new ChaincodeMessage { Type = MessageType.Ready });
        return peer;
    }

    /// <summary>Runs one transaction; commits its writes when the response succeeded.</summary>
    /// <returns>The COMPLETED (or ERROR) message and the PUT_STATE requests the chaincode sent.</returns>
    public async Task<(ChaincodeMessage Completed, IReadOnlyList<PutState> Writes)> RunAsync(string txId, SignedProposal proposal, params string[] args)
    {
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        await WriteAsync(new ChaincodeMessage { Type = MessageType.Transaction, Txid = txId, ChannelId = Channel, Payload = input.ToByteString(), Proposal = proposal });
        var writes = new List<PutState>();
        while (true)
        {
            var message = await ReadAsync();
            Assert.Equal(txId, message.Txid);
            Assert.Equal(Channel, message.ChannelId);
            switch (message.Type)
            {
                case MessageType.Completed or MessageType.Error:
                    var response = message.Type == MessageType.Completed ? Response.Parser.ParseFrom(message.Payload) : null;
                    if (response is { Status: < 400 })
                    {
                        foreach (var write in writes)
                        {
                            _state[write.Key] = write.Value.ToByteArray();
                        }
                    }

                    return (message, writes);
                case MessageType.GetState:
                    var key = GetState.Parser.ParseFrom(message.Payload).Key;
                    await ReplyAsync(message, _state.TryGetValue(key, out var value) ? ByteString.CopyFrom(value) : ByteString.Empty);
                    break;
                case MessageType.PutState:
                    writes.Add(PutState.Parser.ParseFrom(message.Payload));
                    await ReplyAsync(message, ByteString.Empty);
                    break;
                case MessageType.GetStateByRange:
                    await ReplyAsync(message, Range(GetStateByRange.Parser.ParseFrom(message.Payload)).ToByteString());
                    break;
                case MessageType.QueryStateClose:
                    await ReplyAsync(message, new QueryResponse { Id = QueryStateClose.Parser.ParseFrom(message.Payload).Id }.ToByteString());
                    break;
                default:
                    await WriteAsync(new ChaincodeMessage { Type = MessageType.Error, Txid = txId, ChannelId = Channel, Payload = ByteString.CopyFromUtf8($"the mini peer does not serve {message.Type}") });
                    break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private QueryResponse Range(GetStateByRange request)
    {
        var response = new QueryResponse { Id = "range-1", HasMore = false };
        foreach (var (key, value) in _state.Where(e => string.CompareOrdinal(e.Key, request.StartKey) >= 0 && (request.EndKey.Length == 0 || string.CompareOrdinal(e.Key, request.EndKey) < 0)))
        {
            var kv = new KV { Namespace = "healthrecords", Key = key, Value = ByteString.CopyFrom(value) };
            response.Results.Add(new QueryResultBytes { ResultBytes = kv.ToByteString() });
        }

        return response;
    }

    private Task ReplyAsync(ChaincodeMessage request, ByteString payload) =>
        WriteAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = request.Txid, ChannelId = request.ChannelId, Payload = payload });

    private Task WriteAsync(ChaincodeMessage message) => _call.RequestStream.WriteAsync(message).WithTimeout(TestTimeouts.Short);

    private async Task<ChaincodeMessage> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Short);
        Assert.True(await _call.ResponseStream.MoveNext(timeout.Token), "the chaincode closed the stream");
        return _call.ResponseStream.Current;
    }
}
