using System.Text.Json;
using Fabric.DevNetwork.Tests.Network.Support;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// The official Node <c>@hyperledger/fabric-gateway</c> client against the dev network over TLS, with the
/// official Node <c>fabric-shim</c> chaincode running as a service that the peers dial.
/// </summary>
[Collection(DevNetworkCollection.Name)]
public sealed class NodeGatewayInteropTests(DevNetworkFixture fixture) : IDisposable
{
    private readonly NodeGatewayClient _client = new(fixture.Network);

    [Fact]
    public async Task Submit_PutByNodeClient_CommitsValidAndStateHoldsValue()
    {
        var result = await _client.RunAsync("submit", "put", "submit-key", "hello");

        Assert.Equal(0, result.GetProperty("code").GetInt32()); // VALID
        var commit = fixture.Network.Ledger.FindTransaction(result.GetProperty("txId").GetString()!);
        Assert.NotNull(commit);
        Assert.Equal((ulong)result.GetProperty("blockNumber").GetInt32(), commit.BlockNumber);
        Assert.Equal("hello", fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", "submit-key")!.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Evaluate_AfterSubmit_ReturnsCommittedValueWithoutNewBlock()
    {
        await _client.RunAsync("submit", "put", "eval-key", "v1");
        var height = fixture.Network.Ledger.Height;

        var result = await _client.RunAsync("evaluate", "get", "eval-key");

        Assert.Equal("v1", result.GetProperty("result").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(height, fixture.Network.Ledger.Height);
    }

    [Fact]
    public async Task Submit_TwoIncrementsEndorsedBeforeEitherCommits_OneValidOneMvccReadConflict()
    {
        await _client.RunAsync("submit", "incr", "mvcc-key");

        var result = await _client.RunAsync("mvcc", "mvcc-key");

        var codes = result.EnumerateArray().Select(e => e.GetProperty("code").GetInt32()).Order().ToArray();
        Assert.Equal([0, 11], codes); // VALID, MVCC_READ_CONFLICT
        Assert.Equal("2", fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", "mvcc-key")!.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Evaluate_RangeAndPaginatedRange_ReturnKeysInOrderWithBookmark()
    {
        foreach (var key in new[] { "rng-b", "rng-a", "rng-c" })
        {
            await _client.RunAsync("submit", "put", key, key.ToUpperInvariant());
        }

        var range = await _client.RunAsync("evaluate", "range", "rng-", "rng-~");
        var page = await _client.RunAsync("evaluate", "page", "rng-", "rng-~", "2", "");

        var keys = JsonDocument.Parse(range.GetProperty("result").GetString()!).RootElement.EnumerateArray().Select(e => e.GetProperty("key").GetString()!).ToArray();
        Assert.Equal(["rng-a", "rng-b", "rng-c"], keys);
        var pageJson = JsonDocument.Parse(page.GetProperty("result").GetString()!).RootElement;
        Assert.Equal(["rng-a", "rng-b"], pageJson.GetProperty("records").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("rng-c", pageJson.GetProperty("bookmark").GetString());
        Assert.Equal(2, pageJson.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Evaluate_HistoryAfterPutAndDelete_ReturnsNewestFirstWithDeleteFlag()
    {
        var put = await _client.RunAsync("submit", "put", "hist-key", "one");
        var del = await _client.RunAsync("submit", "del", "hist-key");

        var result = await _client.RunAsync("evaluate", "history", "hist-key");

        var history = JsonDocument.Parse(result.GetProperty("result").GetString()!).RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, history.Length);
        Assert.Equal(del.GetProperty("txId").GetString(), history[0].GetProperty("txId").GetString());
        Assert.True(history[0].GetProperty("isDelete").GetBoolean());
        Assert.Equal(put.GetProperty("txId").GetString(), history[1].GetProperty("txId").GetString());
        Assert.Equal("one", history[1].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Evaluate_RichQuery_FailsLikeLevelDb()
    {
        var error = await _client.RunFailingAsync("evaluate", "rich", "{\"selector\":{}}");

        Assert.Equal(2, error.GetProperty("code").GetInt32()); // UNKNOWN: a chaincode error response
        Assert.Contains("ExecuteQuery not supported for leveldb", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ChaincodeReturnsError_EndorseErrorAbortedWithPeerDetail()
    {
        var error = await _client.RunFailingAsync("submit", "fail", "no-such-patient");

        Assert.Equal("EndorseError", error.GetProperty("error").GetString());
        Assert.Equal(10, error.GetProperty("code").GetInt32()); // ABORTED
        var detail = error.GetProperty("details").EnumerateArray().Single();
        Assert.Equal("Org1MSP", detail.GetProperty("mspId").GetString());
        Assert.Equal("chaincode response 500, no-such-patient", detail.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ChaincodeEvents_FromBlockZero_ReplaysCommittedEventsThenFollowsNewOnes()
    {
        var first = await _client.RunAsync("submit", "put", "evt-key-1", "a");
        var second = await _client.RunAsync("submit", "put", "evt-key-2", "b");
        var replayCount = await CountEventsSoFarAsync();

        using var admin = new NodeGatewayClient(fixture.Network, "Admin");
        await using var events = admin.Start("events", "0", (replayCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var replayedSecond = await events.WaitForLineAsync(l => l.Contains(second.GetProperty("txId").GetString()!, StringComparison.Ordinal), TestTimeouts.Long);
        var live = await _client.RunAsync("submit", "put", "evt-key-3", "c");
        var liveLine = await events.WaitForLineAsync(l => l.Contains(live.GetProperty("txId").GetString()!, StringComparison.Ordinal), TestTimeouts.Long);
        var output = await events.WaitForSuccessAsync(TestTimeouts.Long);

        Assert.Contains(first.GetProperty("txId").GetString()!, output, StringComparison.Ordinal);
        Assert.Equal("evt-key-2=b", JsonDocument.Parse(replayedSecond).RootElement.GetProperty("payload").GetString());
        var liveEvent = JsonDocument.Parse(liveLine).RootElement;
        Assert.Equal("put", liveEvent.GetProperty("name").GetString());
        Assert.Equal(live.GetProperty("blockNumber").GetInt32(), liveEvent.GetProperty("blockNumber").GetInt32());
        var blocks = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("blockNumber").GetInt32()).ToArray();
        Assert.Equal(blocks.Order().ToArray(), blocks);
    }

    [Fact]
    public async Task ChaincodeEvents_ClientIdentity_RefusedWithPermissionDenied()
    {
        // Events name patients and actors: our configtx.yaml's gateway/ChaincodeEvents ACL admits admins and peers only.
        var error = await _client.RunFailingAsync("events", "0", "1");

        Assert.Equal(7, error.GetProperty("code").GetInt32()); // PERMISSION_DENIED
        Assert.Contains("[/Channel/Application/Readers]", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();

    private async Task<int> CountEventsSoFarAsync()
    {
        var count = 0;
        for (ulong n = 0; n < fixture.Network.Ledger.Height; n++)
        {
            var block = await fixture.Network.Ledger.GetBlockAsync(n).WithTimeout();
            count += block.Transactions
                .Count(t => t.Event is not null && t.Code == Hyperledger.Fabric.Protos.Peer.TxValidationCode.Valid && t.ChaincodeName == "devnetcc");
        }

        return count;
    }
}
