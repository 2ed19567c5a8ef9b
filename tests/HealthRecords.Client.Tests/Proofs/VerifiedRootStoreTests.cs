using HealthRecords.Client.Proofs;
using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Proofs;

public sealed class VerifiedRootStoreTests
{
    [Fact]
    public async Task SyncHistoryRootAsync_HistoryGrew_AdvancesStoredRoot()
    {
        var store = new InMemoryVerifiedRootStore();
        using var s = new ClientScenario(new HealthRecordsClientOptions { RootStore = store });
        await s.SeedAsync(records: 3);
        var before = await s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout();

        await s.As(People.DrHouse).AddRecordAsync(People.Record()).WithTimeout();
        var after = await s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout();

        Assert.Equal(4, before.TreeSize);
        Assert.Equal(5, after.TreeSize);
        Assert.Equal(after, await store.GetAsync(People.Patient));
    }

    [Fact]
    public async Task SyncHistoryRootAsync_RewrittenHistory_ThrowsAndKeepsStoredRoot()
    {
        var store = new InMemoryVerifiedRootStore();
        using var s = new ClientScenario(new HealthRecordsClientOptions { RootStore = store });
        await s.SeedAsync(records: 3);
        var trusted = await s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout();

        // A different ledger where the same patient's history differs from leaf 0 on, and is longer.
        using (var forged = new ClientScenario(seed: "forged"))
        {
            await forged.SeedAsync(records: 5);
            s.Contract.World = forged.World;
        }

        var e = await Assert.ThrowsAsync<HistoryRewrittenException>(() => s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout());

        Assert.Equal(trusted, e.Trusted);
        Assert.Equal(6, e.PresentedSize);
        Assert.Equal(trusted, await store.GetAsync(People.Patient));
    }

    [Fact]
    public async Task GetRecordAsync_ProofRootFromRewrittenHistory_ThrowsHistoryRewritten()
    {
        using var s = new ClientScenario(new HealthRecordsClientOptions { RootStore = new InMemoryVerifiedRootStore() });
        await s.SeedAsync(records: 2);
        await s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout();
        using var forged = new ClientScenario(seed: "forged");
        var (forgedFirst, _) = await forged.SeedAsync(records: 4);
        s.Contract.World = forged.World;

        // The forged proof is internally valid; only the link to the stored root exposes it.
        await Assert.ThrowsAsync<HistoryRewrittenException>(() =>
            s.As(People.Alice).GetRecordAsync(new GetRecordRequest(forgedFirst.RecordId)).WithTimeout());
    }

    [Fact]
    public async Task GetRecordAsync_TamperedTreeSize_ThrowsHistoryRewritten()
    {
        using var s = new ClientScenario(new HealthRecordsClientOptions { RootStore = new InMemoryVerifiedRootStore() });
        var (first, _) = await s.SeedAsync(records: 5);
        await s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout();
        s.Contract.Tamper = (function, json) => function == "GetRecord" ? ProofTamperingTests.Alter(json, "proof.treeSize") : json;

        // Leaf 0's path is the same at sizes 6 and 7, so only the stored root catches a size that does not match its root.
        await Assert.ThrowsAsync<HistoryRewrittenException>(() =>
            s.As(People.Alice).GetRecordAsync(new GetRecordRequest(first.RecordId)).WithTimeout());
    }

    [Fact]
    public async Task AddRecordAsync_WithRootStore_StoresRootAfterAppend()
    {
        var store = new InMemoryVerifiedRootStore();
        using var s = new ClientScenario(new HealthRecordsClientOptions { RootStore = store });
        await s.SeedAsync(records: 1);

        var added = await s.As(People.DrHouse).AddRecordAsync(People.Record()).WithTimeout();

        Assert.Equal(new VerifiedRoot(People.Patient, added.History.TreeSize, added.History.RootHash), await store.GetAsync(People.Patient));
    }

    [Fact]
    public async Task SyncHistoryRootAsync_NoStore_ThrowsInvalidOperation()
    {
        using var s = new ClientScenario();

        await Assert.ThrowsAsync<InvalidOperationException>(() => s.Client.SyncHistoryRootAsync(People.Patient).WithTimeout());
    }

    [Fact]
    public async Task FileVerifiedRootStore_RestartedClient_DetectsHistoryRewrittenMeanwhile()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "roots", "verified-roots.json");
        using var s = new ClientScenario();
        await s.SeedAsync(records: 3);
        using (var first = new FileVerifiedRootStore(path))
        using (var client = new HealthRecordsClient(s.Contract, new HealthRecordsClientOptions { RootStore = first }))
        {
            await client.SyncHistoryRootAsync(People.Patient).WithTimeout();
        }

        using var forged = new ClientScenario(seed: "forged");
        await forged.SeedAsync(records: 3);
        s.Contract.World = forged.World;
        using var second = new FileVerifiedRootStore(path);
        using var restarted = new HealthRecordsClient(s.Contract, new HealthRecordsClientOptions { RootStore = second });

        var e = await Assert.ThrowsAsync<HistoryRewrittenException>(() => restarted.SyncHistoryRootAsync(People.Patient).WithTimeout());
        Assert.Equal(4, e.Trusted.TreeSize);
        Assert.Contains("same size, different root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileVerifiedRootStore_SetThenNewInstance_ReadsSameRoot()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "roots.json");
        var root = new VerifiedRoot("pat-9", 12, new string('a', 64));
        using (var store = new FileVerifiedRootStore(path))
        {
            await store.SetAsync(root);
        }

        using var reopened = new FileVerifiedRootStore(path);
        Assert.Equal(root, await reopened.GetAsync("pat-9"));
        Assert.Null(await reopened.GetAsync("pat-other"));
    }

    [Fact]
    public async Task FileVerifiedRootStore_CorruptFile_ThrowsInvalidData()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "roots.json");
        await File.WriteAllTextAsync(path, "{not json");
        using var store = new FileVerifiedRootStore(path);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await store.GetAsync("pat-1"));
    }
}
