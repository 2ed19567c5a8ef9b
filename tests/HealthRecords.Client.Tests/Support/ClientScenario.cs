using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;
using HealthRecords.Domain.Tests.Support;
using TestSupport;

namespace HealthRecords.Client.Tests.Support;

/// <summary>A typed client over the real domain on an in-memory world, and shortcuts to switch identity.</summary>
public sealed class ClientScenario : IDisposable
{
    public ClientScenario(HealthRecordsClientOptions? options = null, string seed = "tx")
    {
        World = new InMemoryLedger(seed);
        Contract = new DomainContract(World, People.Alice);
        Client = new HealthRecordsClient(Contract, options);
    }

    public InMemoryLedger World { get; }

    public DomainContract Contract { get; }

    public HealthRecordsClient Client { get; }

    public HealthRecordsClient As(Caller caller)
    {
        Contract.Caller = caller;
        return Client;
    }

    /// <summary>Registers the patient, adds <paramref name="records"/> lab records and grants Org2 read access.</summary>
    public async Task<(RecordPointer First, Consent Consent)> SeedAsync(int records = 3)
    {
        await As(People.Alice).RegisterPatientAsync(new RegisterPatientRequest(People.Patient)).WithTimeout();
        RecordPointer? first = null;
        for (var i = 0; i < records; i++)
        {
            var added = await As(People.DrHouse).AddRecordAsync(People.Record(location: $"https://fhir.org1.example.com/Observation/{i}")).WithTimeout();
            first ??= added.Record;
        }

        var consent = await As(People.Alice).GrantConsentAsync(new GrantConsentRequest(
            People.Patient, new Grantee("organization", "Org2MSP"), ["read"], new ConsentScope(["laboratory"]), "treatment")).WithTimeout();
        return (first!, consent.Consent);
    }

    public void Dispose() => Client.Dispose();
}
