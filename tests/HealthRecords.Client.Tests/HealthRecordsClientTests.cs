using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests;

public sealed class HealthRecordsClientTests
{
    [Fact]
    public async Task EveryFunction_FullScenario_SubmitsExactlyTheWritingFunctions()
    {
        using var s = new ClientScenario();
        var (first, consent) = await s.SeedAsync(records: 2);
        var c = s.Client;

        await s.As(People.Alice).AddPatientIdentityAsync(new AddPatientIdentityRequest(People.Patient, "Org1MSP", "x509::CN=alice-phone,OU=client::CN=ca.org1msp.example.com", "self")).WithTimeout();
        await c.DeactivatePatientIdentityAsync(new DeactivatePatientIdentityRequest(People.Patient, "Org1MSP", "x509::CN=alice-phone,OU=client::CN=ca.org1msp.example.com")).WithTimeout();
        await c.GetPatientAsync(new GetPatientRequest(People.Patient)).WithTimeout();
        await s.As(People.DrHouse).SupersedeRecordAsync(new SupersedeRecordRequest(first.RecordId, "https://fhir.org1.example.com/Observation/1b", People.Hash, 10, "application/fhir+json")).WithTimeout();
        await c.GetRecordAsync(new GetRecordRequest(first.RecordId)).WithTimeout();
        await s.As(People.Alice).ListRecordsAsync(new ListRecordsRequest(People.Patient)).WithTimeout();
        await c.GetConsentAsync(new ConsentRequest(People.Patient, consent.ConsentId)).WithTimeout();
        await c.ListConsentsAsync(new ListConsentsRequest(People.Patient)).WithTimeout();
        var current = (await c.ListRecordsAsync(new ListRecordsRequest(People.Patient)).WithTimeout()).Records.First(r => r.SupersededBy is null);
        await s.As(People.DrWho).CheckAccessAsync(new CheckAccessRequest(People.Patient, "read", "treatment", current.RecordId)).WithTimeout();
        await c.ReadRecordAsync(new ReadRecordRequest(current.RecordId, "treatment")).WithTimeout();
        await s.As(People.Nurse).EmergencyAccessAsync(new EmergencyAccessRequest(People.Patient, "unconscious on arrival")).WithTimeout();
        await s.As(People.Audrey).ListAccessLogAsync(new ListAccessLogRequest(People.Patient)).WithTimeout();
        await s.As(People.Rita).CountResearchRecordsAsync(new ResearchCountRequest()).WithTimeout();
        var root = await c.GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();
        await s.As(People.Alice).GetHistoryEntryAsync(new HistoryEntryRequest(People.Patient, 0)).WithTimeout();
        await c.GetHistoryConsistencyAsync(new HistoryConsistencyRequest(People.Patient, 1, root.TreeSize)).WithTimeout();
        await c.RevokeConsentAsync(new ConsentRequest(People.Patient, consent.ConsentId)).WithTimeout();
        await c.RotatePatientIdentityAsync(new RotatePatientIdentityRequest(People.Patient, "Org1MSP", "x509::CN=alice2,OU=client::CN=ca.org1msp.example.com")).WithTimeout();

        var functions = new HealthRecordsDispatcher().Functions;
        Assert.All(functions, f => Assert.Contains(s.Contract.Calls, call => call.Function == f.Name));
        Assert.All(s.Contract.Calls, call =>
            Assert.Equal(functions.Single(f => f.Name == call.Function).IsSubmit ? "submit" : "evaluate", call.Kind));
    }

    [Fact]
    public async Task RegisterPatientAsync_Twice_ThrowsConflictWithTransactionId()
    {
        using var s = new ClientScenario();
        await s.Client.RegisterPatientAsync(new RegisterPatientRequest(People.Patient)).WithTimeout();

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => s.Client.RegisterPatientAsync(new RegisterPatientRequest(People.Patient)).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.Conflict, e.Code);
        Assert.Equal("RegisterPatient", e.Function);
        Assert.Matches("^[0-9a-f]{64}$", e.TransactionId);
        Assert.IsType<Hyperledger.Fabric.Gateway.EndorseException>(e.InnerException);
    }

    [Fact]
    public async Task GetPatientAsync_UnknownPatient_ThrowsNotFound()
    {
        using var s = new ClientScenario();

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => s.Client.GetPatientAsync(new GetPatientRequest("pat-nobody")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.NotFound, e.Code);
        Assert.Null(e.TransactionId);
        Assert.Contains("pat-nobody", e.ChaincodeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecordAsync_MalformedHash_ThrowsInvalidArgument()
    {
        using var s = new ClientScenario();
        await s.SeedAsync(records: 0);

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() =>
            s.As(People.DrHouse).AddRecordAsync(People.Record() with { ContentHash = "not-a-hash" }).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.InvalidArgument, e.Code);
        Assert.Equal("INVALID_ARGUMENT", e.WireCode);
    }

    [Fact]
    public async Task ReadRecordAsync_NoConsent_ThrowsNotFoundLikeAMissingId()
    {
        // A caller without standing towards the patient is not told the record exists (docs/security.md).
        using var s = new ClientScenario();
        var (first, _) = await s.SeedAsync(records: 1);

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() =>
            s.As(People.DrNo).ReadRecordAsync(new ReadRecordRequest(first.RecordId, "treatment")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.NotFound, e.Code);
        Assert.Contains("does not exist or is not visible to the caller", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRecordAsync_WithConsent_ReturnsVerifiedPointerAndAccess()
    {
        using var s = new ClientScenario();
        var (first, consent) = await s.SeedAsync(records: 2);

        var read = await s.As(People.DrWho).ReadRecordAsync(new ReadRecordRequest(first.RecordId, "treatment")).WithTimeout();

        Assert.Equal(first.RecordId, read.Record.RecordId);
        Assert.Equal(consent.ConsentId, read.Access.ConsentId);
        // The proof comes from the read after the access entry committed: against the root that includes it.
        Assert.Equal(read.Proof.TreeSize, read.History.TreeSize);
        Assert.Equal(read.History.RootHash, read.Proof.RootHash);
    }

    [Fact]
    public async Task GetPatientAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var s = new ClientScenario();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.Client.GetPatientAsync(new GetPatientRequest(People.Patient), cts.Token).WithTimeout());
    }

    [Fact]
    public async Task GetRecordAsync_VerifiedReadsConfigured_UsesVerifiableRead()
    {
        using var s = new ClientScenario(new HealthRecordsClientOptions { VerifiedReads = new Hyperledger.Fabric.Gateway.VerifiedReadOptions() });
        var (first, _) = await s.SeedAsync(records: 1);

        await s.As(People.Alice).GetRecordAsync(new GetRecordRequest(first.RecordId)).WithTimeout();
        await s.Client.GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();
        await s.Client.ListRecordsAsync(new ListRecordsRequest(People.Patient)).WithTimeout();

        Assert.Contains(("GetRecord", "verified"), s.Contract.Calls);
        Assert.Contains(("GetHistoryRoot", "verified"), s.Contract.Calls);
        Assert.Contains(("ListRecords", "evaluate"), s.Contract.Calls);
    }

    [Fact]
    public async Task GetPatientAsync_MalformedResponse_ThrowsInvalidData()
    {
        using var s = new ClientScenario();
        await s.SeedAsync(records: 0);
        s.Contract.Tamper = (_, _) => "{\"patient\":1}"u8.ToArray();

        await Assert.ThrowsAsync<InvalidDataException>(() => s.Client.GetPatientAsync(new GetPatientRequest(People.Patient)).WithTimeout());
    }
}
