using System.Text;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>
/// A chaincode server whose one function runs the test's body, and a fake peer connected to it that
/// answers from a scripted ledger seeded with a..e = 1..5.
/// </summary>
public abstract class StubConversation : IAsyncLifetime
{
    private ChaincodeServer? _server;
    private int _tx;

    internal ScriptedLedger Ledger { get; } = new ScriptedLedger()
        .Seed("a", "1").Seed("b", "2").Seed("c", "3").Seed("d", "4").Seed("e", "5");

    internal FakePeer Peer { get; private set; } = null!;

    /// <summary>READY's payload: empty like Fabric 2.5; a ChaincodeAdditionalParams to act as Fabric 3.x.</summary>
    protected virtual Google.Protobuf.ByteString ReadyPayload => Google.Protobuf.ByteString.Empty;

    /// <summary>What the chaincode's function does in the next transaction.</summary>
    protected Func<IChaincodeStub, Task<string>> Body { get; set; } = _ => Task.FromResult(string.Empty);

    public async Task InitializeAsync()
    {
        _server = await ShimServer.StartAsync(new DelegateChaincode(async (stub, _) =>
            ChaincodeResponse.Success(Encoding.UTF8.GetBytes(await Body(stub)))));
        Peer = await FakePeer.ConnectAsync(_server.Address, ready: ReadyPayload);
    }

    public async Task DisposeAsync()
    {
        await Peer.DisposeAsync();
        await _server!.DisposeAsync().AsTask().WithTimeout(TestTimeouts.Short);
    }

    /// <summary>Runs one transaction with <paramref name="body"/>; returns its payload and the requests it sent.</summary>
    internal async Task<(string Result, List<ChaincodeMessage> Requests)> RunAsync(Func<IChaincodeStub, Task<string>> body)
    {
        Body = body;
        var txId = "tx-" + Interlocked.Increment(ref _tx);
        var final = await Peer.RunAsync(txId, ["f"], Ledger.Respond);
        Ledger.Complete(final);
        Assert.Equal(MessageType.Completed, final.Type);
        var response = Response.Parser.ParseFrom(final.Payload);
        Assert.True(response.Status == 200, response.Message);
        var requests = Peer.Received.Where(m => m.Txid == txId && m.Type != MessageType.Completed).ToList();
        return (response.Payload.ToStringUtf8(), requests);
    }
}
