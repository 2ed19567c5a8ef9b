using System.Text;
using Hyperledger.Fabric.Shim.Testing;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;

namespace Hyperledger.Fabric.Shim.Tests;

public sealed class InMemoryLedgerTests
{
    private readonly InMemoryLedger _ledger = new();

    [Fact]
    public async Task PutState_BeforeCommit_IsNotVisible()
    {
        var stub = _ledger.CreateStub("f");
        await stub.PutStateAsync("k", "v"u8.ToArray());

        var ownRead = await stub.GetStateAsync("k");
        var otherRead = await _ledger.CreateStub("g").GetStateAsync("k");
        _ledger.Commit(stub);

        Assert.Null(ownRead);
        Assert.Null(otherRead);
        Assert.Equal("v", _ledger.GetStateAsString("k"));
    }

    [Fact]
    public async Task Discard_AfterWrites_DropsWritesAndClosesStub()
    {
        var stub = _ledger.CreateStub("f");
        await stub.PutStateAsync("k", "v"u8.ToArray());

        stub.Discard();

        Assert.Null(_ledger.GetState("k"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.PutStateAsync("k", "again"u8.ToArray()));
    }

    [Fact]
    public async Task GetStateByRangeAsync_MixedKeys_OrdersByUtf8BytesAndExcludesCompositeKeys()
    {
        // U+FFFD sorts before U+1F600 in UTF-8 but after its surrogates in UTF-16.
        foreach (var key in new[] { "b", "a", "\U0001F600", "\uFFFD", "B" })
        {
            _ledger.SeedState(key, "x"u8.ToArray());
        }

        _ledger.SeedState(CompositeKey.Create("t", "a"), "x"u8.ToArray());

        var keys = await Keys(await _ledger.CreateStub("q").GetStateByRangeAsync(string.Empty, string.Empty));

        Assert.Equal(["B", "a", "b", "\uFFFD", "\U0001F600"], keys);
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyAsync_PartialKey_ReturnsMatchingKeysInOrder()
    {
        foreach (var (color, name) in new[] { ("blue", "z"), ("red", "a"), ("blue", "a"), ("blue", "\U0001F600") })
        {
            _ledger.SeedState(CompositeKey.Create("color~name", color, name), "x"u8.ToArray());
        }

        var stub = _ledger.CreateStub("q");
        var names = (await Keys(await stub.GetStateByPartialCompositeKeyAsync("color~name", ["blue"]))).Select(k => stub.SplitCompositeKey(k).Attributes[1]);

        Assert.Equal(["a", "z", "\U0001F600"], names);
    }

    [Fact]
    public async Task GetStateByRangeWithPaginationAsync_FollowingBookmarks_WalksAllPages()
    {
        foreach (var key in new[] { "k1", "k2", "k3", "k4", "k5" })
        {
            _ledger.SeedState(key, "x"u8.ToArray());
        }

        var pages = new List<string>();
        var bookmark = string.Empty;
        do
        {
            await using var page = await _ledger.CreateStub("q").GetStateByRangeWithPaginationAsync("k1", string.Empty, 2, bookmark);
            pages.Add(string.Join(",", await Keys(page)) + "/" + page.FetchedRecordsCount);
            bookmark = page.Bookmark;
        }
        while (bookmark.Length > 0);

        Assert.Equal(["k1,k2/2", "k3,k4/2", "k5/1"], pages);
    }

    [Fact]
    public async Task Pagination_InATransactionThatWrites_IsRejected()
    {
        var stub = _ledger.CreateStub("q");
        await using (await stub.GetStateByRangeWithPaginationAsync(string.Empty, string.Empty, 1, string.Empty))
        {
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.PutStateAsync("k", "v"u8.ToArray()));
    }

    [Fact]
    public async Task GetHistoryForKeyAsync_CommittedChanges_ListedNewestFirst()
    {
        var first = _ledger.CreateStub("a");
        await first.PutStateAsync("k", "1"u8.ToArray());
        _ledger.Commit(first);
        var second = _ledger.CreateStub("b");
        await second.DeleteStateAsync("k");
        _ledger.Commit(second);

        var history = new List<KeyModification>();
        await foreach (var change in await _ledger.CreateStub("q").GetHistoryForKeyAsync("k"))
        {
            history.Add(change);
        }

        Assert.Equal([second.TxId, first.TxId], history.Select(h => h.TxId));
        Assert.True(history[0].IsDelete);
        Assert.True(history[0].Timestamp > history[1].Timestamp);
    }

    [Fact]
    public async Task GetQueryResultAsync_Selector_MatchesJsonFields()
    {
        _ledger.SeedState("a1", "{\"color\":\"blue\",\"size\":5}"u8.ToArray());
        _ledger.SeedState("a2", "{\"color\":\"red\",\"size\":7}"u8.ToArray());
        _ledger.SeedState("a3", "{\"color\":\"blue\",\"size\":9}"u8.ToArray());

        var keys = await Keys(await _ledger.CreateStub("q").GetQueryResultAsync("{\"selector\":{\"color\":\"blue\",\"size\":{\"$gt\":6}}}"));

        Assert.Equal(["a3"], keys);
    }

    [Fact]
    public async Task Tester_EventTransientAndIdentity_AreAvailableAndEventRecordedOnCommit()
    {
        using var alice = TestIdentity.Create("Org1MSP", "alice", new Dictionary<string, string> { ["hrec.role"] = "patient" });
        var chaincode = new DelegateChaincode((stub, _) =>
        {
            stub.SetEvent("Seen", stub.Transient["secret"]);
            var who = stub.ClientIdentity.MspId + "/" + stub.ClientIdentity.GetAttributeValue("hrec.role");
            return Task.FromResult(ChaincodeResponse.Success(Encoding.UTF8.GetBytes(who)));
        });
        var tester = new ChaincodeTester(chaincode, _ledger);
        var options = new InMemoryTransactionOptions { Creator = alice.Identity, Transient = new Dictionary<string, byte[]> { ["secret"] = [1, 2] } };

        var evaluated = await tester.EvaluateAsync(options, "f");
        var submitted = await tester.SubmitAsync(options, "f");

        Assert.Equal("Org1MSP/patient", submitted.PayloadAsString);
        Assert.Equal("Seen", evaluated.Event!.EventName);
        Assert.Equal([submitted.TxId], _ledger.Events.Select(e => e.TxId));
        Assert.Equal(new byte[] { 1, 2 }, _ledger.Events[0].Payload.ToArray());
    }

    [Fact]
    public async Task PrivateData_HashAndValidationParameter_WorkInMemory()
    {
        var stub = _ledger.CreateStub("p");
        await stub.PutPrivateDataAsync("secrets", "k", "hidden"u8.ToArray());
        await stub.SetPrivateDataValidationParameterAsync("secrets", "k", new byte[] { 7 });
        _ledger.Commit(stub);

        var reader = _ledger.CreateStub("r");
        var hash = await reader.GetPrivateDataHashAsync("secrets", "k");
        var policy = await reader.GetPrivateDataValidationParameterAsync("secrets", "k");

        Assert.Equal(System.Security.Cryptography.SHA256.HashData("hidden"u8), hash);
        Assert.Equal(new byte[] { 7 }, policy);
        Assert.Null(await reader.GetStateAsync("k"));
    }

    [Fact]
    public void CreateStub_SameSequenceOnTwoLedgers_GivesSameTxIdAndProposal()
    {
        var first = new InMemoryLedger().CreateStub("f", "x");
        var second = new InMemoryLedger().CreateStub("f", "x");

        Assert.Equal(first.TxId, second.TxId);
        Assert.Equal(first.TxTimestamp, second.TxTimestamp);
        Assert.Equal(64, first.TxId.Length);
    }

    private static async Task<List<string>> Keys(IQueryResultsIterator<KeyValue> results)
    {
        var keys = new List<string>();
        await foreach (var kv in results)
        {
            keys.Add(kv.Key);
        }

        return keys;
    }
}
