using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

/// <summary>
/// No pointer leaves for a non-custodian before its access entry is committed: the transaction that
/// logs the access returns none, and ReadAccessedRecords serves them only against a committed entry
/// of the same identity, for the records it names, within its window, with consent re-checked.
/// </summary>
public sealed class LogBeforeReadTests
{
    private readonly Scenario _s = new();

    [Fact]
    public async Task RequestAccess_EvaluatedOnly_EntryDoesNotExistForTheRead()
    {
        var (record, _) = await RecordWithConsentAsync();
        var tx = _s.Ledger.Begin(Provider(Org2));
        var granted = await _s.Service.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")).WaitAsync(TestSupport.TestTimeouts.Short);

        var ex = await _s.Fails(DomainErrorCodes.NotFound, Provider(Org2), (s, t) => s.ReadAccessedRecordsAsync(t, Read(granted)));

        TestJson.AssertNoClinicalContent(HealthRecordsJson.Serialize(granted), record);
        Assert.Equal(RefusalReasons.AccessNotCommitted, ex.Reason);
        Assert.StartsWith("Access entry not found (access-not-committed): ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmergencyAccess_EvaluatedOnly_NoPointerAndEntryDoesNotExistForTheRead()
    {
        var (record, _) = await RecordWithConsentAsync();
        var tx = _s.Ledger.Begin(Emergency());
        var granted = await _s.Service.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Unconscious")).WaitAsync(TestSupport.TestTimeouts.Short);

        await _s.Fails(DomainErrorCodes.NotFound, Emergency(), (s, t) => s.ReadAccessedRecordsAsync(t, Read(granted)));

        TestJson.AssertNoClinicalContent(HealthRecordsJson.Serialize(granted), record);
        Assert.True(granted.Access.Emergency);
    }

    [Fact]
    public async Task ReadAccessedRecords_CommittedEntry_ReturnsExactlyTheNamedRecord()
    {
        var (record, consent) = await RecordWithConsentAsync();
        await _s.AddRecordAsync();
        var granted = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));

        var read = await _s.Run(Provider(Org2), (s, tx) => s.ReadAccessedRecordsAsync(tx, Read(granted)));

        Assert.Equal(record, Assert.Single(read.Records).Record);
        Assert.Equal((granted.Access.AccessId, consent.ConsentId), (read.Access.AccessId, read.Access.ConsentId));
        Assert.Empty(_s.Ledger.Last!.WriteSet);
    }

    [Theory]
    [InlineData("other-org")]
    [InlineData("same-org-other-identity")]
    public async Task ReadAccessedRecords_AnotherIdentitysEntry_NotFoundAsIfMissing(string who)
    {
        var (record, _) = await RecordWithConsentAsync();
        var granted = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        var thief = who == "other-org" ? Provider(Org1, "dr-other") : Provider(Org2, "dr-colleague");

        var ex = await _s.Fails(DomainErrorCodes.NotFound, thief, (s, tx) => s.ReadAccessedRecordsAsync(tx, Read(granted)));

        TestJson.AssertNoClinicalContent(System.Text.Encoding.UTF8.GetBytes(ex.Message), record);
    }

    [Fact]
    public async Task ReadAccessedRecords_AfterTheWindow_Forbidden()
    {
        var (record, _) = await RecordWithConsentAsync();
        var granted = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        _s.Ledger.Now += new HealthRecordsOptions().AccessWindow;

        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.ReadAccessedRecordsAsync(tx, Read(granted)));

        Assert.Contains("validity window", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccessedRecords_BeforeTheEntrysTime_Forbidden()
    {
        var (record, _) = await RecordWithConsentAsync();
        var granted = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        _s.Ledger.Now = granted.Access.AccessedAt.AddSeconds(-1);

        await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.ReadAccessedRecordsAsync(tx, Read(granted)));
    }

    [Fact]
    public async Task ReadAccessedRecords_ConsentRevokedAfterTheEntry_ForbiddenWithReason()
    {
        var (record, consent) = await RecordWithConsentAsync();
        var granted = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        await _s.Run(Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));

        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.ReadAccessedRecordsAsync(tx, Read(granted)));

        Assert.Contains(AccessReasons.ConsentRevoked, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccessedRecords_EntryOfAnotherPatient_NotFound()
    {
        var (record, _) = await RecordWithConsentAsync();
        await _s.RegisterAsync(P2, Patient(P2, "bob"));
        var granted = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));

        await _s.Fails(DomainErrorCodes.NotFound, Provider(Org2), (s, tx) => s.ReadAccessedRecordsAsync(tx, new AccessedRecordsRequest(P2, granted.Access.AccessId)));
    }

    [Fact]
    public async Task ReadAccessedRecords_CommittedBreakGlass_ReturnsTheFlaggedRecordsToTheResponder()
    {
        var (record, _) = await RecordWithConsentAsync();
        var imaging = await _s.AddRecordAsync(category: "imaging");
        var granted = await _s.Run(Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Unconscious")));

        var read = await _s.Run(Emergency(), (s, tx) => s.ReadAccessedRecordsAsync(tx, Read(granted)));

        Assert.True(read.Access.Emergency);
        Assert.Equal(new[] { record.RecordId, imaging.RecordId }.Order(StringComparer.Ordinal), read.Records.Select(r => r.Record.RecordId));
    }

    [Fact]
    public async Task ReadAccessedRecords_BreakGlassEntryReadByNonEmergencyIdentity_Forbidden()
    {
        var (_, _) = await RecordWithConsentAsync();
        var responder = Emergency();
        var granted = await _s.Run(responder, (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Unconscious")));
        var sameNameProvider = new Caller(responder.MspId, responder.Id, new Dictionary<string, string> { [Caller.RoleAttribute] = "provider" });

        await _s.Fails(DomainErrorCodes.Forbidden, sameNameProvider, (s, tx) => s.ReadAccessedRecordsAsync(tx, Read(granted)));
    }

    private static AccessedRecordsRequest Read(AccessGrantResponse granted) => new(granted.Access.PatientId, granted.Access.AccessId);

    private async Task<(RecordPointer Record, Consent Consent)> RecordWithConsentAsync()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        var consent = await _s.GrantAsync(Scenario.Org());
        return (record, consent);
    }
}
