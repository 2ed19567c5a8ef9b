using System.Security.Cryptography;
using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>Range, composite key, rich and history queries and their cursors over the Connect stream.</summary>
public sealed class ChaincodeStubQueryTests : StubConversation
{
    [Fact]
    public async Task GetStateByRange_MoreThanOneBatch_FetchesWithQueryStateNextAndClosesOnDispose()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            var keys = new List<string>();
            await using var results = await stub.GetStateByRangeAsync("a", "e");
            await foreach (var kv in results)
            {
                keys.Add(kv.Key + "=" + Encoding.UTF8.GetString(kv.Value.Span));
            }

            return string.Join(",", keys);
        });

        Assert.Equal("a=1,b=2,c=3,d=4", result);
        Assert.Equal([MessageType.GetStateByRange, MessageType.QueryStateNext, MessageType.QueryStateClose], requests.Select(r => r.Type));
        var range = GetStateByRange.Parser.ParseFrom(requests[0].Payload);
        Assert.Equal(("a", "e", ""), (range.StartKey, range.EndKey, range.Collection));
    }

    [Fact]
    public async Task GetStateByRange_EmptyStartKey_SendsU0001()
    {
        var (_, requests) = await RunAsync(async stub =>
        {
            await using var results = await stub.GetStateByRangeAsync(string.Empty, string.Empty);
            return string.Empty;
        });

        Assert.Equal("\u0001", GetStateByRange.Parser.ParseFrom(requests[0].Payload).StartKey);
    }

    [Fact]
    public async Task Iterator_DisposedEarly_SendsQueryStateCloseForItsCursor()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            await using var results = await stub.GetStateByRangeAsync("a", "z");
            await foreach (var kv in results)
            {
                return kv.Key;
            }

            return "none";
        });

        Assert.Equal("a", result);
        Assert.Equal([MessageType.GetStateByRange, MessageType.QueryStateClose], requests.Select(r => r.Type));
        Assert.Equal("cursor-1", QueryStateClose.Parser.ParseFrom(requests[1].Payload).Id);
        Assert.Equal(0, Ledger.OpenCursors);
    }

    [Fact]
    public async Task GetStateByRangeWithPaginationAsync_OnePage_ReturnsPageMetadataAndSendsQueryMetadata()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            await using var page = await stub.GetStateByRangeWithPaginationAsync(string.Empty, string.Empty, 3, "b");
            var keys = new List<string>();
            await foreach (var kv in page)
            {
                keys.Add(kv.Key);
            }

            return string.Join(",", keys) + "|" + page.FetchedRecordsCount + "|" + page.Bookmark;
        });

        Assert.Equal("b,c,d|3|e", result);
        var metadata = QueryMetadata.Parser.ParseFrom(GetStateByRange.Parser.ParseFrom(requests[0].Payload).Metadata);
        Assert.Equal((3, "b"), (metadata.PageSize, metadata.Bookmark));
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyAsync_PartialKey_SendsExactRangeAndSplitsKeys()
    {
        var setup = await RunAsync(async stub =>
        {
            await stub.PutStateAsync(stub.CreateCompositeKey("color~name", ["blue", "x1"]), "1"u8.ToArray());
            await stub.PutStateAsync(stub.CreateCompositeKey("color~name", ["blue", "x2"]), "2"u8.ToArray());
            await stub.PutStateAsync(stub.CreateCompositeKey("color~name", ["red", "x3"]), "3"u8.ToArray());
            return string.Empty;
        });
        var (result, requests) = await RunAsync(async stub =>
        {
            var names = new List<string>();
            await using var results = await stub.GetStateByPartialCompositeKeyAsync("color~name", ["blue"]);
            await foreach (var kv in results)
            {
                var (objectType, attributes) = stub.SplitCompositeKey(kv.Key);
                names.Add(objectType + ":" + string.Join("/", attributes));
            }

            return string.Join(",", names);
        });

        Assert.Equal("\u0000color~name\u0000blue\u0000x1\u0000", PutState.Parser.ParseFrom(setup.Requests[0].Payload).Key);
        Assert.Equal("color~name:blue/x1,color~name:blue/x2", result);
        var range = GetStateByRange.Parser.ParseFrom(requests[0].Payload);
        Assert.Equal("\u0000color~name\u0000blue\u0000", range.StartKey);
        Assert.Equal("\u0000color~name\u0000blue\u0000\U0010FFFF", range.EndKey);
        Assert.Equal(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, range.ToByteArray()[^4..]);
    }

    [Fact]
    public async Task GetQueryResultAsync_RichQuery_SendsQueryAndIteratesResults()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            await using var page = await stub.GetQueryResultWithPaginationAsync("3", 10, string.Empty);
            var keys = new List<string>();
            await foreach (var kv in page)
            {
                keys.Add(kv.Key);
            }

            await using var all = await stub.GetQueryResultAsync("4");
            await foreach (var kv in all)
            {
                keys.Add(kv.Key);
            }

            return string.Join(",", keys);
        });

        Assert.Equal("c,d", result);
        var query = GetQueryResult.Parser.ParseFrom(requests[0].Payload);
        Assert.Equal("3", query.Query);
        Assert.Equal(10, QueryMetadata.Parser.ParseFrom(query.Metadata).PageSize);
        Assert.True(GetQueryResult.Parser.ParseFrom(requests.First(r => r.Type == MessageType.GetQueryResult && r != requests[0]).Payload).Metadata.IsEmpty);
    }

    [Fact]
    public async Task GetHistoryForKeyAsync_SeveralChanges_ReturnsModificationsNewestFirst()
    {
        await RunAsync(async stub => { await stub.PutStateAsync("a", "10"u8.ToArray()); return string.Empty; });
        await RunAsync(async stub => { await stub.DeleteStateAsync("a"); return string.Empty; });

        var (result, requests) = await RunAsync(async stub =>
        {
            var entries = new List<string>();
            await using var history = await stub.GetHistoryForKeyAsync("a");
            await foreach (var change in history)
            {
                entries.Add($"{Encoding.UTF8.GetString(change.Value.Span)}:{change.IsDelete}:{change.Timestamp.ToUnixTimeSeconds() > 0}");
            }

            return string.Join(",", entries);
        });

        Assert.Equal(":True:True,10:False:True,1:False:True", result);
        Assert.Equal("a", GetHistoryForKey.Parser.ParseFrom(requests[0].Payload).Key);
    }
}
