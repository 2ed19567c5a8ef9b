using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>Common set-up steps, each a real submitted transaction through the router.</summary>
internal sealed class Scenario
{
    public ChaincodeHarness Chaincode { get; } = new();

    public async Task RegisterAsync(string patientId = P1) =>
        await Chaincode.SubmitOkAsync(Patient(patientId), "RegisterPatient", Requests.Patient(patientId));

    public async Task<string> AddRecordAsync(string patientId = P1, string category = "laboratory", string mspId = Org1)
    {
        var outcome = await Chaincode.SubmitOkAsync(Provider(mspId), "AddRecord", Requests.Record(patientId, category));
        return outcome.Json.GetProperty("record").GetProperty("recordId").GetString()!;
    }

    public async Task<string> GrantAsync(string requestJson, string patientId = P1)
    {
        var outcome = await Chaincode.SubmitOkAsync(Patient(patientId), "GrantConsent", requestJson);
        return outcome.Json.GetProperty("consent").GetProperty("consentId").GetString()!;
    }

    /// <summary>P1 registered with one laboratory record added by an Org1 provider.</summary>
    public static async Task<(Scenario Scenario, string RecordId)> WithRecordAsync()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();
        var recordId = await scenario.AddRecordAsync();
        return (scenario, recordId);
    }
}
