using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class DeterminismTests
{
    /// <summary>A scenario touching every writing function; returns every committed write set and event, in order.</summary>
    private static async Task<List<(string Key, byte[] Value)>> RunScenarioAsync()
    {
        var s = new Scenario();
        await s.RegisterAsync();
        await s.Run(Patient(), (svc, tx) => svc.AddPatientIdentityAsync(tx, new AddPatientIdentityRequest(P1, Org1, Guardian().Id, "delegate")));
        var record = await s.AddRecordAsync();
        await s.Run(Provider(), (svc, tx) => svc.SupersedeRecordAsync(tx, new SupersedeRecordRequest(record.RecordId, "cas://sha256/ab", Scenario.Hash, 5, "image/png")));
        var consent = await s.GrantAsync(Scenario.Org(), ["laboratory", "imaging"], validUntil: new DateTimeOffset(2027, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(2)));
        await s.Run(Emergency(), (svc, tx) => svc.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Ünconscious – no ID")));
        await s.Run(Patient(), (svc, tx) => svc.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
        await s.Run(Patient(), (svc, tx) => svc.RotatePatientIdentityAsync(tx, new RotatePatientIdentityRequest(P1, Org1, "x509::new")));
        return s.Ledger.Committed
            .SelectMany(tx => tx.WriteSet.Concat(tx.Event is { } e ? [("event:" + e.Name, e.Payload)] : []))
            .ToList();
    }

    [Fact]
    public async Task SameTransactions_TwoRuns_ProduceIdenticalWriteSetBytes()
    {
        var first = await RunScenarioAsync();
        var second = await RunScenarioAsync();

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(w => w.Key), second.Select(w => w.Key));
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Value, second[i].Value);
        }
    }

    [Fact]
    public async Task SameTransaction_TwoEndorsers_ProduceIdenticalWriteSets()
    {
        var a = new Scenario();
        var b = new Scenario();
        foreach (var s in new[] { a, b })
        {
            await s.RegisterAsync();
            await s.AddRecordAsync();
        }

        // Two peers endorse the same proposal: same tx id, same timestamp, same state.
        var txId = new string('c', 64);
        a.Ledger.Now = b.Ledger.Now;
        await a.Ledger.RunAsync(Provider(), tx => a.Service.AddRecordAsync(tx, Scenario.NewRecord()), txId);
        await b.Ledger.RunAsync(Provider(), tx => b.Service.AddRecordAsync(tx, Scenario.NewRecord()), txId);

        Assert.Equal(a.Ledger.Last!.WriteSet.Select(w => w.Key), b.Ledger.Last!.WriteSet.Select(w => w.Key));
        Assert.Equal(a.Ledger.Last.WriteSet.SelectMany(w => w.Value), b.Ledger.Last.WriteSet.SelectMany(w => w.Value));
        Assert.Equal(a.Ledger.Last.Event!.Value.Payload, b.Ledger.Last.Event!.Value.Payload);
    }

    [Fact]
    public async Task StoredTimestamps_AreUtcWithThreeFractionDigits()
    {
        var s = new Scenario();
        s.Ledger.Now = new DateTimeOffset(2026, 3, 4, 10, 11, 12, TimeSpan.FromHours(-5)).AddTicks(1234567);
        await s.RegisterAsync();

        var json = System.Text.Encoding.UTF8.GetString(s.Ledger.State.Single(kv => kv.Key.StartsWith("\0hrec.patient\0", StringComparison.Ordinal)).Value);

        Assert.Contains("\"registeredAt\":\"2026-03-04T15:11:12.123Z\"", json, StringComparison.Ordinal);
    }
}
