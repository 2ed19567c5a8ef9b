using Hyperledger.Fabric.Shim.Contracts;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>Bad input through the contract router on a live stream: one error response each, nothing written, stream up.</summary>
public sealed class ContractErrorTests : IAsyncLifetime
{
    private readonly ScriptedLedger _ledger = new();
    private readonly AssetContract _contract = new();
    private ChaincodeServer? _server;
    private FakePeer? _peer;

    public async Task InitializeAsync()
    {
        _server = await ShimServer.StartAsync(new ContractRouter(_contract));
        _peer = await FakePeer.ConnectAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        await _peer!.DisposeAsync();
        await _server!.DisposeAsync().AsTask().WithTimeout(TestTimeouts.Short);
    }

    [Theory]
    [InlineData("unknown-fn", new[] { "NoSuchFunction" }, 500, "Unknown transaction function 'NoSuchFunction' in contract 'AssetContract'")]
    [InlineData("unknown-contract", new[] { "Nope:CreateAsset", "a" }, 404, "NOT_FOUND: Contract 'Nope' not found; known contracts: AssetContract")]
    [InlineData("too-few", new[] { "CreateAsset", "a1" }, 400, "INVALID_ARGUMENT: Transaction 'CreateAsset' expects 3 argument(s) but received 1")]
    [InlineData("too-many", new[] { "CreateAsset", "a1", "blue", "5", "extra" }, 400, "INVALID_ARGUMENT: Transaction 'CreateAsset' expects 3 argument(s) but received 4")]
    [InlineData("wrong-type", new[] { "CreateAsset", "a1", "blue", "five" }, 400, "INVALID_ARGUMENT: Argument 'size' of transaction 'CreateAsset' is not valid JSON for type Int32")]
    [InlineData("malformed-json", new[] { "CreateFromJson", "{\"id\": \"a1\", " }, 400, "INVALID_ARGUMENT: Argument 'asset' of transaction 'CreateFromJson' is not valid JSON for type Asset")]
    [InlineData("throws", new[] { "Explode", "a1" }, 500, "boom after writing a1")]
    [InlineData("no-function", new string[0], 400, "INVALID_ARGUMENT: No function name given")]
    public async Task BadInput_ReturnsErrorResponseWritesNothingAndStreamStaysUp(string txId, string[] args, int expectedStatus, string expectedMessage)
    {
        // A good transaction is in flight on the same stream the whole time.
        await _peer!.SendTransactionAsync("good-" + txId, ["CreateAsset", "ok-" + txId, "green", "1"]);
        var goodFirst = await _peer.ReceiveAsync("good-" + txId);

        var final = await _peer.RunAsync(txId, args, _ledger.Respond);
        _ledger.Complete(final);

        await _peer.SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = "good-" + txId, ChannelId = FakePeer.Channel, Payload = _ledger.Respond(goodFirst).Payload });
        var good = await _peer.ServeAsync("good-" + txId, _ledger.Respond);
        _ledger.Complete(good);

        var response = Response.Parser.ParseFrom(final.Payload);
        Assert.Equal(MessageType.Completed, final.Type);
        Assert.Equal(expectedStatus, response.Status);
        Assert.StartsWith(expectedMessage, response.Message, StringComparison.Ordinal);
        Assert.Equal(200, Response.Parser.ParseFrom(good.Payload).Status);
        Assert.Equal(["ok-" + txId], _ledger.State.Keys);
    }

    [Fact]
    public async Task Exception_BeforeAnyWrite_SendsNoPutState()
    {
        var final = await _peer!.RunAsync("early-throw", ["CreateAsset", "a1", "blue", "-1"], _ledger.Respond);

        Assert.Equal("size must be positive", Response.Parser.ParseFrom(final.Payload).Message);
        Assert.DoesNotContain(_peer.Received, m => m.Txid == "early-throw" && m.Type == MessageType.PutState);
    }

    [Fact]
    public async Task LateWrite_AfterFailedTransactionCompleted_IsRefusedAndNeverSent()
    {
        var final = await _peer!.RunAsync("late", ["FailThenWriteLater", "a9"], _ledger.Respond);
        _ledger.Complete(final);
        _contract.ReleaseLateWrite.SetResult();
        var lateError = await _contract.LateWrite.Task.WithTimeout(TestTimeouts.Short);

        Assert.Equal(500, Response.Parser.ParseFrom(final.Payload).Status);
        Assert.IsType<InvalidOperationException>(lateError);
        Assert.Contains("has completed", lateError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_peer.Received, m => m.Txid == "late" && m.Type == MessageType.PutState);
        Assert.Empty(_ledger.State);
    }
}
