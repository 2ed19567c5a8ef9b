using System.Text;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Merkle;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

/// <summary>Record leaves commit to the pointer (HMAC with a per-record salt) and never hold it (docs/merkle.md).</summary>
public sealed class RecordLeafTests
{
    private readonly Scenario _s = new();

    [Fact]
    public async Task AddRecord_Leaf_HoldsNoLocationOrContentHash()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();

        var proof = await _s.Run(Auditor(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, record.HistoryIndex)));
        var leaf = Encoding.UTF8.GetString(Convert.FromBase64String(proof.Leaf!));

        Assert.True(HistoryVerifier.VerifyInclusion(proof));
        Assert.DoesNotContain(record.Location, leaf, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(record.ContentHash, leaf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"commitment\":", leaf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_Salt_IsStoredBesideThePointerAndDiffersPerRecord()
    {
        await _s.RegisterAsync();
        var first = await _s.AddRecordAsync();
        var second = await _s.AddRecordAsync();

        var a = await _s.Run(Patient(), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(first.RecordId)));
        var b = await _s.Run(Patient(), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(second.RecordId)));

        Assert.Equal(64, a.Salt!.Length);
        Assert.NotEqual(a.Salt, b.Salt);
        var leaf = TestJson.Read<HistoryLeaf<RecordCommitment>>(Convert.FromBase64String(a.Proof.Leaf!)).Subject;
        Assert.True(leaf.Matches(a.Record, Convert.FromHexString(a.Salt)));
        Assert.False(leaf.Matches(a.Record, Convert.FromHexString(b.Salt!)));
        Assert.False(leaf.Matches(a.Record with { Location = "https://elsewhere.example.com/x" }, Convert.FromHexString(a.Salt)));
    }

    [Fact]
    public async Task AddRecord_NoProposalBinding_IsRefusedRatherThanSaltedWithPublicValues()
    {
        await _s.RegisterAsync();
        var tx = _s.Ledger.Begin(Provider());
        var unbound = new Ports.TransactionContext(tx.TxId, tx.Timestamp, tx.Caller, tx, ReadOnlyMemory<byte>.Empty);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _s.Service.AddRecordAsync(unbound, Scenario.NewRecord()));
        Assert.DoesNotContain(tx.WriteSet, w => w.Key.Contains("hrec.record", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetHistoryEntry_LegacyPointerLeaf_WithheldFromAuditorButProvable()
    {
        await _s.RegisterAsync();
        var legacy = await AppendLegacyRecordLeafAsync();

        var audited = await _s.Run(Auditor(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, 0)));
        var own = await _s.Run(Patient(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, 0)));

        Assert.Null(audited.Leaf);
        Assert.Equal(Convert.ToHexStringLower(MerkleHash.Leaf(legacy)), audited.LeafHash);
        Assert.True(HistoryVerifier.VerifyInclusion(audited));
        Assert.DoesNotContain("cas://", Encoding.UTF8.GetString(HealthRecordsJson.Serialize(audited)), StringComparison.Ordinal);
        Assert.Equal(legacy, Convert.FromBase64String(own.Leaf!));
        Assert.Null(own.LeafHash);
    }

    /// <summary>Writes a format-1 record leaf (the full pointer), as the chaincode did before leaves committed.</summary>
    private async Task<byte[]> AppendLegacyRecordLeafAsync()
    {
        var pointer = new RecordPointer(
            "rec-legacy", P1, "Observation", "laboratory", Org1, "cas://sha256/" + Scenario.Hash, Scenario.Hash, 2048,
            "application/fhir+json", new ActorRef(Org1, "x509::dr", "provider"), _s.Ledger.Now, "tx-legacy", 1, null, null, 0);
        var leaf = HealthRecordsJson.Serialize(new HistoryLeaf<RecordPointer>(1, HistoryLeafTypes.RecordAdded, P1, "tx-legacy", _s.Ledger.Now, pointer));
        await _s.Ledger.RunAsync(Provider(), async tx =>
        {
            var log = new MerkleLog(new LedgerMerkleStorage(tx.Ledger, P1));
            return await log.AppendAsync(leaf);
        });
        return leaf;
    }
}
