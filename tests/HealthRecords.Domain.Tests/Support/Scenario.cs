using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Tests.Support;

/// <summary>A service over a fresh in-memory ledger, with shortcuts for the common set-up steps.</summary>
public sealed class Scenario
{
    public const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public Scenario(HealthRecordsOptions? options = null)
    {
        Service = new HealthRecordsService(options);
    }

    public InMemoryLedger Ledger { get; } = new();

    public HealthRecordsService Service { get; }

    public Task<T> Run<T>(Caller caller, Func<HealthRecordsService, ITransactionContext, Task<T>> call) =>
        Ledger.RunAsync(caller, tx => call(Service, tx));

    /// <summary>Runs a call that must be refused: asserts the code, an empty write set and no event.</summary>
    public async Task<DomainException> Fails<T>(string code, Caller caller, Func<HealthRecordsService, ITransactionContext, Task<T>> call)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Run(caller, call));
        Assert.Equal(code, ex.Code);
        var tx = Ledger.Last!;
        Assert.False(tx.IsCommitted);
        Assert.Empty(tx.WriteSet);
        Assert.Null(tx.Event);
        return ex;
    }

    public Task<PatientResponse> RegisterAsync(string patientId = Callers.P1, Caller? patient = null) =>
        Run(patient ?? Callers.Patient(patientId), (s, tx) => s.RegisterPatientAsync(tx, new RegisterPatientRequest(patientId)));

    public static AddRecordRequest NewRecord(string patientId = Callers.P1, string category = "laboratory", string? purpose = null) =>
        new(patientId, "Observation", category, "https://fhir.org1.example.com/Observation/123", Hash, 2048, "application/fhir+json", purpose);

    public async Task<RecordPointer> AddRecordAsync(Caller? author = null, string patientId = Callers.P1, string category = "laboratory") =>
        (await Run(author ?? Callers.Provider(), (s, tx) => s.AddRecordAsync(tx, NewRecord(patientId, category)))).Record;

    public async Task<Consent> GrantAsync(
        Grantee grantee,
        string[]? categories = null,
        string purpose = "treatment",
        string[]? actions = null,
        string[]? recordIds = null,
        DateTimeOffset? validFrom = null,
        DateTimeOffset? validUntil = null,
        string patientId = Callers.P1,
        Caller? by = null)
    {
        var request = new GrantConsentRequest(
            patientId, grantee, actions ?? ["read"], new ConsentScope(categories ?? (recordIds is null ? ["laboratory"] : null), recordIds),
            purpose, validFrom, validUntil);
        return (await Run(by ?? Callers.Patient(patientId), (s, tx) => s.GrantConsentAsync(tx, request))).Consent;
    }

    public static Grantee Org(string msp = Callers.Org2) => new("organization", msp);

    public static Grantee Role(string role) => new("role", role);

    public static Grantee Identity(Caller caller) => new("identity", caller.Id, caller.MspId);
}
