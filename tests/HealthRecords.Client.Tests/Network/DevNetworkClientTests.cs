using Hyperledger.Fabric.Gateway;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>The typed client against the dev network over real TLS sockets, with the real chaincode.</summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class DevNetworkClientTests(HealthRecordsNetworkFixture fixture)
{
    private const string Bob = HealthRecordsNetworkFixture.Bob;

    [Fact]
    public async Task EveryFunction_PatientBobLifecycle_SucceedsOverRealSockets()
    {
        using var bob = fixture.Client("bob");
        using var clinic = fixture.Client("clinic-doctor");
        using var hospital = fixture.Client("hospital-doctor");
        using var er = fixture.Client("er-physician");
        using var auditor = fixture.Client("auditor");
        using var researcher = fixture.Client("researcher");
        var aliceId = fixture.Profile.LoadIdentity("alice").Id;
        var newBobId = fixture.Profile.LoadIdentity("User1@org2.example.com").Id;
        var called = new HashSet<string>(StringComparer.Ordinal);

        // Each write below is followed by SettleAsync: the next call may be endorsed or answered by the
        // other organisation's peer, which commits at its own pace (as on Fabric), and would see the state before.

        var patient = await bob.RegisterPatientAsync(new RegisterPatientRequest(Bob)).WithTimeout();
        await fixture.SettleAsync();
        called.Add("RegisterPatient");
        var lab = (await clinic.AddRecordAsync(Record("laboratory")).WithTimeout()).Record;
        await clinic.AddRecordAsync(Record("imaging")).WithTimeout();
        await fixture.SettleAsync();
        called.Add("AddRecord");
        var treatment = (await bob.GrantConsentAsync(new GrantConsentRequest(Bob, new Grantee("organization", "Org1MSP"), ["read"], new ConsentScope(["laboratory"]), "treatment")).WithTimeout()).Consent;
        await bob.GrantConsentAsync(new GrantConsentRequest(Bob, new Grantee("role", "researcher"), ["read"], new ConsentScope(["laboratory"]), "research")).WithTimeout();
        await fixture.SettleAsync();
        called.Add("GrantConsent");

        Assert.Equal(Bob, (await bob.GetPatientAsync(new GetPatientRequest(Bob)).WithTimeout()).Patient.PatientId);
        called.Add("GetPatient");
        Assert.Equal(2, (await bob.ListRecordsAsync(new ListRecordsRequest(Bob)).WithTimeout()).Records.Count);
        called.Add("ListRecords");
        Assert.Equal(lab, (await bob.GetRecordAsync(new GetRecordRequest(lab.RecordId)).WithTimeout()).Record);
        called.Add("GetRecord");
        var fetched = (await bob.GetConsentAsync(new ConsentRequest(Bob, treatment.ConsentId)).WithTimeout()).Consent;
        Assert.Equal(HealthRecordsJson.Serialize(treatment), HealthRecordsJson.Serialize(fetched));
        called.Add("GetConsent");
        Assert.Equal(2, (await bob.ListConsentsAsync(new ListConsentsRequest(Bob)).WithTimeout()).Consents.Count);
        called.Add("ListConsents");

        var decision = await hospital.CheckAccessAsync(new CheckAccessRequest(Bob, "read", "treatment", lab.RecordId)).WithTimeout();
        Assert.True(decision.Allowed);
        Assert.Equal(treatment.ConsentId, decision.ConsentId);
        called.Add("CheckAccess");
        var read = await hospital.ReadRecordAsync(new ReadRecordRequest(lab.RecordId, "treatment")).WithTimeout();
        await fixture.SettleAsync();
        Assert.Equal("consent", read.Access.Basis);
        called.Add("RequestAccess");
        called.Add("ReadAccessedRecords");
        var emergency = await er.EmergencyAccessAsync(new EmergencyAccessRequest(Bob, "unconscious on arrival", Category: "imaging")).WithTimeout();
        await fixture.SettleAsync();
        Assert.True(emergency.Access.Emergency);
        called.Add("EmergencyAccess");
        Assert.Equal(2, (await auditor.ListAccessLogAsync(new ListAccessLogRequest(Bob)).WithTimeout()).Entries.Count);
        called.Add("ListAccessLog");
        var counts = await researcher.CountResearchRecordsAsync(new ResearchCountRequest(["laboratory"])).WithTimeout();
        Assert.Single(counts.Counts);
        called.Add("CountResearchRecords");

        var corrected = await clinic.SupersedeRecordAsync(new SupersedeRecordRequest(lab.RecordId, "https://fhir.org2.example.com/Observation/lab-v2", new string('c', 64), 99, "application/fhir+json")).WithTimeout();
        await fixture.SettleAsync();
        Assert.Equal(lab.RecordId, corrected.Record.Supersedes);
        called.Add("SupersedeRecord");

        var root = await bob.GetHistoryRootAsync(new HistoryRequest(Bob)).WithTimeout();
        Assert.Equal(corrected.History.TreeSize, root.TreeSize);
        called.Add("GetHistoryRoot");
        var entry = await bob.GetHistoryEntryAsync(new HistoryEntryRequest(Bob, 0)).WithTimeout();
        Assert.Equal(root.RootHash, entry.RootHash);
        called.Add("GetHistoryEntry");
        var consistency = await bob.GetHistoryConsistencyAsync(new HistoryConsistencyRequest(Bob, 2, root.TreeSize)).WithTimeout();
        Assert.Equal(root.RootHash, consistency.ToRoot);
        called.Add("GetHistoryConsistency");

        Assert.Equal("revoked", (await bob.RevokeConsentAsync(new ConsentRequest(Bob, treatment.ConsentId)).WithTimeout()).Consent.Status);
        await fixture.SettleAsync();
        called.Add("RevokeConsent");
        Assert.Equal("delegate", (await bob.AddPatientIdentityAsync(new AddPatientIdentityRequest(Bob, "Org1MSP", aliceId, "delegate")).WithTimeout()).Binding.Relation);
        await fixture.SettleAsync();
        called.Add("AddPatientIdentity");
        Assert.Equal("deactivated", (await bob.DeactivatePatientIdentityAsync(new DeactivatePatientIdentityRequest(Bob, "Org1MSP", aliceId)).WithTimeout()).Binding.Status);
        await fixture.SettleAsync();
        called.Add("DeactivatePatientIdentity");
        var rotated = await bob.RotatePatientIdentityAsync(new RotatePatientIdentityRequest(Bob, "Org2MSP", newBobId)).WithTimeout();
        await fixture.SettleAsync();
        Assert.Equal(patient.Identities[0].IdentityId, rotated.Deactivated.IdentityId);
        called.Add("RotatePatientIdentity");

        Assert.Equal(new HealthRecordsDispatcher().Functions.Select(f => f.Name).Order(), called.Order());
        var after = await Assert.ThrowsAsync<HealthRecordsException>(() => bob.GetPatientAsync(new GetPatientRequest(Bob)).WithTimeout());
        Assert.Equal(HealthRecordsErrorCode.Forbidden, after.Code); // the rotated-out certificate is refused
    }

    [Fact]
    public async Task RegisterPatientAsync_AlreadyRegistered_ThrowsConflictWithTransactionId()
    {
        await fixture.SeedAsync();
        using var alice = fixture.Client("alice");

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => alice.RegisterPatientAsync(new RegisterPatientRequest(HealthRecordsNetworkFixture.Alice)).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.Conflict, e.Code);
        Assert.Matches("^[0-9a-f]{64}$", e.TransactionId);
        Assert.IsType<EndorseException>(e.InnerException);
    }

    [Fact]
    public async Task GetPatientAsync_Unregistered_ThrowsNotFound()
    {
        using var auditor = fixture.Client("auditor");

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => auditor.GetPatientAsync(new GetPatientRequest("pt-nobody")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.NotFound, e.Code);
        Assert.Null(e.TransactionId);
    }

    [Fact]
    public async Task ReadRecordAsync_ResearcherWithoutResearchConsent_ThrowsForbiddenWithReason()
    {
        var seed = await fixture.SeedAsync();
        using var researcher = fixture.Client("researcher");

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => researcher.ReadRecordAsync(new ReadRecordRequest(seed.Records[0].RecordId, "research")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.Forbidden, e.Code);
        Assert.Equal("purpose-mismatch", e.Reason);
    }

    [Fact]
    public async Task AddRecordAsync_MalformedHash_ThrowsInvalidArgument()
    {
        await fixture.SeedAsync();
        using var doctor = fixture.Client("hospital-doctor");

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => doctor.AddRecordAsync(
            new AddRecordRequest(HealthRecordsNetworkFixture.Alice, "Observation", "laboratory", "https://h.example.com/1", "nothex", 1, "text/plain")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public async Task GetPatientAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var auditor = fixture.Client("auditor");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => auditor.GetPatientAsync(new GetPatientRequest("pt-alice"), cts.Token).WithTimeout());
    }

    private static AddRecordRequest Record(string category) =>
        new(Bob, "Observation", category, $"cas://sha256/{new string('b', 64)}", new string('b', 64), 42, "application/fhir+json");
}
