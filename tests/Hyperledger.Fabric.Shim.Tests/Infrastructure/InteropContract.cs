using System.Text;
using Hyperledger.Fabric.Shim.Contracts;

namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>
/// The same chaincode as tests/interop/shim/chaincode.js (official Node fabric-shim), written with
/// our shim's contract layer: both must send the peer the same messages for the same conversation.
/// </summary>
[Contract(Name = "Interop")]
public sealed class InteropContract : Contract
{
    [Transaction(Name = "put")]
    public async Task<string> Put(ContractContext ctx, string key, string value)
    {
        await ctx.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value));
        return "ok";
    }

    [Transaction(TransactionType.Evaluate, Name = "get")]
    public async Task<string> Get(ContractContext ctx, string key) =>
        Encoding.UTF8.GetString(await ctx.Stub.GetStateAsync(key) ?? []);

    [Transaction(Name = "del")]
    public async Task<string> Delete(ContractContext ctx, string key)
    {
        await ctx.Stub.DeleteStateAsync(key);
        return "deleted";
    }

    [Transaction(Name = "putComposite")]
    public async Task<string> PutComposite(ContractContext ctx, string type, string a, string b, string value)
    {
        await ctx.Stub.PutStateAsync(ctx.Stub.CreateCompositeKey(type, [a, b]), Encoding.UTF8.GetBytes(value));
        return "ok";
    }

    [Transaction(TransactionType.Evaluate, Name = "listComposite")]
    public async Task<string> ListComposite(ContractContext ctx, string type, string a)
    {
        var items = new List<string>();
        await using var results = await ctx.Stub.GetStateByPartialCompositeKeyAsync(type, [a]);
        await foreach (var kv in results)
        {
            var (objectType, attributes) = ctx.Stub.SplitCompositeKey(kv.Key);
            items.Add($"{objectType}/{string.Join("/", attributes)}={Encoding.UTF8.GetString(kv.Value.Span)}");
        }

        return string.Join(",", items);
    }

    [Transaction(TransactionType.Evaluate, Name = "range")]
    public async Task<string> Range(ContractContext ctx, string start, string end)
    {
        var items = new List<string>();
        await using var results = await ctx.Stub.GetStateByRangeAsync(start, end);
        await foreach (var kv in results)
        {
            items.Add($"{kv.Key}={Encoding.UTF8.GetString(kv.Value.Span)}");
        }

        return string.Join(",", items);
    }

    [Transaction(TransactionType.Evaluate, Name = "rangeFirst")]
    public async Task<string> RangeFirst(ContractContext ctx, string start, string end)
    {
        await using var results = await ctx.Stub.GetStateByRangeAsync(start, end);
        await foreach (var kv in results)
        {
            return kv.Key;
        }

        return string.Empty;
    }

    [Transaction(TransactionType.Evaluate, Name = "page")]
    public async Task<string> Page(ContractContext ctx, string start, string end, int size, string bookmark)
    {
        var keys = new List<string>();
        await using var page = await ctx.Stub.GetStateByRangeWithPaginationAsync(start, end, size, bookmark);
        await foreach (var kv in page)
        {
            keys.Add(kv.Key);
        }

        return $"{string.Join(",", keys)}|{page.FetchedRecordsCount}|{page.Bookmark}";
    }

    [Transaction(TransactionType.Evaluate, Name = "history")]
    public async Task<string> History(ContractContext ctx, string key)
    {
        var items = new List<string>();
        await using var history = await ctx.Stub.GetHistoryForKeyAsync(key);
        await foreach (var change in history)
        {
            items.Add($"{change.TxId}:{Encoding.UTF8.GetString(change.Value.Span)}:{(change.IsDelete ? "true" : "false")}");
        }

        return string.Join(",", items);
    }

    [Transaction(Name = "event")]
    public string Event(ContractContext ctx, string name, string payload)
    {
        ctx.Stub.SetEvent(name, Encoding.UTF8.GetBytes(payload));
        return string.Empty;
    }

    [Transaction(Name = "fail")]
    public string Fail(ContractContext ctx, string message) => throw new ChaincodeException(message);
}
