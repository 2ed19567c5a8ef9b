using System.Text;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Tests.Support;

/// <summary>The test double must behave like Fabric's stub, or the domain tests prove nothing.</summary>
public sealed class InMemoryLedgerTests
{
    private static readonly Caller Anyone = Callers.Provider();

    private static async Task SeedAsync(InMemoryLedger ledger, params string[][] keys)
    {
        await ledger.RunAsync(Anyone, async tx =>
        {
            foreach (var attributes in keys)
            {
                await tx.Ledger.PutStateAsync(tx.Ledger.CreateCompositeKey("t", attributes), Encoding.UTF8.GetBytes(string.Join("/", attributes)));
            }

            return 0;
        });
    }

    [Fact]
    public async Task GetState_OwnPendingWrite_IsNotVisibleUntilCommit()
    {
        var ledger = new InMemoryLedger();
        var seen = await ledger.RunAsync(Anyone, async tx =>
        {
            await tx.Ledger.PutStateAsync("k", [1]);
            return await tx.Ledger.GetStateAsync("k");
        });

        Assert.Null(seen);
        Assert.Equal([1], ledger.State["k"]);
    }

    [Fact]
    public async Task RunAsync_BodyThrows_CommitsNothing()
    {
        var ledger = new InMemoryLedger();
        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.RunAsync<int>(Anyone, async tx =>
        {
            await tx.Ledger.PutStateAsync("k", [1]);
            tx.Ledger.SetEvent("E", [2]);
            throw new InvalidOperationException("boom");
        }));

        Assert.Empty(ledger.State);
        Assert.Single(ledger.Last!.WriteSet);
        Assert.False(ledger.Last.IsCommitted);
    }

    [Fact]
    public async Task PartialCompositeKey_MatchesWholeAttributesOnly()
    {
        var ledger = new InMemoryLedger();
        await SeedAsync(ledger, ["p1", "a"], ["p1", "b"], ["p10", "a"]);

        var found = await ledger.RunAsync(Anyone, async tx =>
        {
            var values = new List<string>();
            await foreach (var entry in tx.Ledger.GetStateByPartialCompositeKeyAsync("t", ["p1"]))
            {
                values.Add(Encoding.UTF8.GetString(entry.Value));
            }

            return values;
        });

        Assert.Equal(["p1/a", "p1/b"], found);
    }

    [Fact]
    public async Task Pagination_WalksAllEntriesWithBookmarks()
    {
        var ledger = new InMemoryLedger();
        await SeedAsync(ledger, ["p", "1"], ["p", "2"], ["p", "3"], ["q", "1"]);

        var pages = new List<LedgerPage>();
        var bookmark = string.Empty;
        do
        {
            var page = await ledger.RunAsync(Anyone, tx => tx.Ledger.GetStateByPartialCompositeKeyWithPaginationAsync("t", ["p"], 2, bookmark));
            pages.Add(page);
            bookmark = page.Bookmark;
        }
        while (bookmark.Length > 0);

        Assert.Equal([2, 1], pages.Select(p => p.FetchedCount));
        Assert.Equal(["p/1", "p/2", "p/3"], pages.SelectMany(p => p.Entries).Select(e => Encoding.UTF8.GetString(e.Value)));
    }

    [Fact]
    public async Task CreateCompositeKey_NulInAttribute_Throws()
    {
        var ledger = new InMemoryLedger();
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.RunAsync(Anyone, tx => Task.FromResult(tx.Ledger.CreateCompositeKey("t", "a\0b"))));
    }
}
