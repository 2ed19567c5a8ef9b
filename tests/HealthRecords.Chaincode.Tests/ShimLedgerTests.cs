using System.Text;
using Hyperledger.Fabric.Shim;
using Hyperledger.Fabric.Shim.Testing;
using HealthRecords.Chaincode.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Chaincode.Tests;

/// <summary>The <see cref="ILedger"/> adapter over the shim's stub.</summary>
public sealed class ShimLedgerTests
{
    [Fact]
    public void CreateCompositeKey_Attributes_UsesFabricEncoding()
    {
        var ledger = new ShimLedger(new InMemoryLedger().CreateStub(), isSubmit: true);

        var key = ledger.CreateCompositeKey("hrec.record", "patient-001", "rec-1");

        Assert.Equal("\u0000hrec.record\u0000patient-001\u0000rec-1\u0000", key);
        Assert.Equal(CompositeKey.Create("hrec.record", ["patient-001", "rec-1"]), key);
    }

    [Fact]
    public async Task PutStateAsync_Value_BufferedInWriteSetNotVisibleToReads()
    {
        var stub = new InMemoryLedger().CreateStub();
        var ledger = new ShimLedger(stub, isSubmit: true);

        await ledger.PutStateAsync("k", [1, 2, 3]);

        Assert.Equal([1, 2, 3], stub.Writes["k"]);
        Assert.Null(await ledger.GetStateAsync("k"));
    }

    [Fact]
    public async Task PutStateAsync_EmptyValue_ThrowsBecauseFabricWouldDelete()
    {
        var stub = new InMemoryLedger().CreateStub();
        var ledger = new ShimLedger(stub, isSubmit: true);

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.PutStateAsync("k", []));
        Assert.Empty(stub.Writes);
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyAsync_Prefix_ReturnsMatchingEntriesInKeyOrder()
    {
        var memory = Seeded(out var keys);
        var ledger = new ShimLedger(memory.CreateStub(), isSubmit: true);

        var entries = new List<LedgerEntry>();
        await foreach (var entry in ledger.GetStateByPartialCompositeKeyAsync("t", ["a"]).WithCancellation(CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Equal(keys.Where(k => k.StartsWith("\u0000t\u0000a\u0000", StringComparison.Ordinal)), entries.Select(e => e.Key));
        Assert.Equal("v-a1", Encoding.UTF8.GetString(entries[0].Value));
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyWithPaginationAsync_Evaluate_PagesWithBookmark()
    {
        var memory = Seeded(out _);
        var ledger = new ShimLedger(memory.CreateStub(), isSubmit: false);

        var first = await ledger.GetStateByPartialCompositeKeyWithPaginationAsync("t", [], 2, string.Empty);
        var second = await ledger.GetStateByPartialCompositeKeyWithPaginationAsync("t", [], 2, first.Bookmark);

        Assert.Equal(2, first.FetchedCount);
        Assert.Equal(2, first.Entries.Count);
        Assert.NotEqual(string.Empty, first.Bookmark);
        Assert.Single(second.Entries);
        Assert.Empty(first.Entries.Select(e => e.Key).Intersect(second.Entries.Select(e => e.Key)));
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyWithPaginationAsync_SubmitFunction_Throws()
    {
        var ledger = new ShimLedger(Seeded(out _).CreateStub(), isSubmit: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ledger.GetStateByPartialCompositeKeyWithPaginationAsync("t", [], 2, string.Empty));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetEvent_NameAndPayload_ReachTheStub()
    {
        var stub = new InMemoryLedger().CreateStub();
        var ledger = new ShimLedger(stub, isSubmit: true);

        ledger.SetEvent("RecordAdded", [7]);

        Assert.Equal("RecordAdded", stub.Event!.EventName);
        Assert.Equal([7], stub.Event.Payload.ToArray());
    }

    private static InMemoryLedger Seeded(out string[] keys)
    {
        var ledger = new InMemoryLedger();
        keys =
        [
            CompositeKey.Create("t", ["a", "1"]),
            CompositeKey.Create("t", ["a", "2"]),
            CompositeKey.Create("t", ["b", "1"]),
        ];
        ledger.SeedState(CompositeKey.Create("u", ["a", "1"]), "other"u8.ToArray());
        ledger.SeedState(keys[2], "v-b1"u8.ToArray());
        ledger.SeedState(keys[1], "v-a2"u8.ToArray());
        ledger.SeedState(keys[0], "v-a1"u8.ToArray());
        return ledger;
    }
}
