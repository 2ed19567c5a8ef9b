using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class EventsTests
{
    private readonly Scenario _s = new();

    private HealthRecordsEvent LastEvent(string expectedName)
    {
        var tx = _s.Ledger.Last!;
        Assert.Equal(1, tx.EventCalls);
        var (name, payload) = tx.Event!.Value;
        Assert.Equal(expectedName, name);
        var e = TestJson.Read<HealthRecordsEvent>(payload);
        Assert.Equal((name, tx.TxId, P1, tx.Caller.Id), (e.Type, e.TxId, e.PatientId, e.Actor.Id));
        return e;
    }

    [Fact]
    public async Task AddRecord_EmitsRecordAddedWithIdsAndLogPosition()
    {
        await _s.RegisterAsync();
        var response = await _s.Run(Provider(), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord()));

        var e = LastEvent(EventNames.RecordAdded);

        Assert.Equal((response.Record.RecordId, "laboratory", (string?)null), (e.RecordId, e.Category, e.Supersedes));
        Assert.Equal((response.History.LeafIndex, response.History.TreeSize, response.History.RootHash), (e.HistoryIndex, e.TreeSize, e.RootHash));
        TestJson.AssertNoClinicalContent(_s.Ledger.Last!.Event!.Value.Payload, response.Record);
    }

    [Fact]
    public async Task SupersedeRecord_EmitsRecordAddedNamingTheOldVersion()
    {
        await _s.RegisterAsync();
        var old = await _s.AddRecordAsync();
        await _s.Run(Provider(), (s, tx) => s.SupersedeRecordAsync(tx, new SupersedeRecordRequest(old.RecordId, "urn:x:1", Scenario.Hash, 1, "text/plain")));

        Assert.Equal(old.RecordId, LastEvent(EventNames.RecordAdded).Supersedes);
    }

    [Fact]
    public async Task GrantAndRevoke_EmitConsentEventsWithGrantee()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org());
        var granted = LastEvent(EventNames.ConsentGranted);
        await _s.Run(Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
        var revoked = LastEvent(EventNames.ConsentRevoked);

        Assert.Equal((consent.ConsentId, Org2), (granted.ConsentId, granted.Grantee!.Value));
        Assert.Equal((consent.ConsentId, granted.HistoryIndex + 1), (revoked.ConsentId, revoked.HistoryIndex));
    }

    [Fact]
    public async Task EmergencyAccess_EmitsFlaggedEvent()
    {
        await _s.RegisterAsync();
        await _s.Run(Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Stroke alert")));
        Assert.True(LastEvent(EventNames.EmergencyAccess).Emergency);
    }

    [Fact]
    public async Task Queries_AndIdentityFunctions_EmitNoEvent()
    {
        await _s.RegisterAsync();
        Assert.Null(_s.Ledger.Last!.Event);
        await _s.Run(Patient(), (s, tx) => s.AddPatientIdentityAsync(tx, new AddPatientIdentityRequest(P1, Org1, "x509::g", "delegate")));
        Assert.Null(_s.Ledger.Last!.Event);
        await _s.Run(Patient(), (s, tx) => s.CheckAccessAsync(tx, new CheckAccessRequest(P1, "read", "treatment", Category: "imaging")));
        Assert.Null(_s.Ledger.Last!.Event);
        Assert.Empty(_s.Ledger.Last.WriteSet);
    }
}
