using System.Text;
using System.Text.Json;
using HealthRecords.Chaincode.Tests.Infrastructure;
using HealthRecords.Domain;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>The contract's shape and routing: metadata, names, error mapping.</summary>
public sealed class HealthRecordsContractTests
{
    private static readonly HealthRecordsDispatcher Dispatcher = new();

    [Fact]
    public async Task GetMetadata_ThroughRouter_ListsExactlyTheDispatcherFunctionsWithTheirKind()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.RunAsync(ChaincodeHarness.Args("org.hyperledger.fabric:GetMetadata"), ChaincodeHarness.Options(null), commit: false);

        Assert.Equal(200, outcome.Status);
        var contract = outcome.Json.GetProperty("contracts").GetProperty(HealthRecordsContract.ContractName);
        Assert.True(contract.GetProperty("contractInstance").GetProperty("default").GetBoolean());
        var transactions = contract.GetProperty("transactions").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("tag")[0].GetString()!);
        var expected = Dispatcher.Functions.ToDictionary(f => f.Name, f => f.IsSubmit ? "SUBMIT" : "EVALUATE");
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), transactions.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetMetadata_EveryFunction_TakesOneStringRequestParameter()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.RunAsync(ChaincodeHarness.Args("org.hyperledger.fabric:GetMetadata"), ChaincodeHarness.Options(null), commit: false);

        foreach (var transaction in outcome.Json.GetProperty("contracts").GetProperty("healthrecords").GetProperty("transactions").EnumerateArray())
        {
            var parameter = Assert.Single(transaction.GetProperty("parameters").EnumerateArray());
            Assert.Equal("request", parameter.GetProperty("name").GetString());
            Assert.Equal("string", parameter.GetProperty("schema").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Invoke_ContractQualifiedName_RoutesToHealthRecordsContract()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();

        var outcome = await scenario.Chaincode.EvaluateOkAsync(Patient(), "healthrecords:GetPatient", Requests.Patient());

        Assert.Equal(P1, outcome.Json.GetProperty("patient").GetProperty("patientId").GetString());
    }

    [Fact]
    public async Task Invoke_ResponsePayload_IsTheDispatcherCanonicalJsonUnchanged()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();

        var outcome = await scenario.Chaincode.EvaluateOkAsync(Patient(), "GetHistoryRoot", Requests.Patient());

        // Canonical: what the domain's serializer writes for the parsed value, byte for byte.
        var parsed = JsonSerializer.Deserialize<HealthRecords.Domain.Contracts.HistoryRootResponse>(outcome.PayloadBytes, HealthRecordsJson.Options)!;
        Assert.Equal(HealthRecordsJson.Serialize(parsed), outcome.PayloadBytes);
    }

    [Fact]
    public async Task Invoke_UnknownFunction_ReturnsInvalidArgument400()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitAsync(Patient(), "DeletePatient", Requests.Patient());

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains("DeletePatient", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NoCreator_ReturnsForbidden403()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitAsync(null, "RegisterPatient", Requests.Patient());

        outcome.AssertRefused(403, "FORBIDDEN");
        Assert.Contains("creator", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_LedgerCallThrowsUnexpectedException_Returns500InternalWithoutDetails()
    {
        var chaincode = new ChaincodeHarness();
        var stub = chaincode.Ledger.CreateStub(ChaincodeHarness.Args("RegisterPatient", Requests.Patient()), ChaincodeHarness.Options(Patient()));
        stub.Discard(); // every state call now throws InvalidOperationException, as a stub does after its stream broke

        var response = await chaincode.Router.InvokeAsync(stub).WaitAsync(TestSupport.TestTimeouts.Short);

        Assert.Equal(500, response.Status);
        Assert.Equal($"INTERNAL: The chaincode failed unexpectedly; the chaincode log has the details (transaction {stub.TxId}).", response.Message);
        Assert.DoesNotContain("discarded", response.Message, StringComparison.Ordinal);
        Assert.Empty(stub.Writes);
    }

    [Fact]
    public void StatusFor_EachDomainCode_HasItsStableStatus()
    {
        Assert.Equal(400, ChaincodeErrors.StatusFor(DomainErrorCodes.InvalidArgument));
        Assert.Equal(403, ChaincodeErrors.StatusFor(DomainErrorCodes.Forbidden));
        Assert.Equal(404, ChaincodeErrors.StatusFor(DomainErrorCodes.NotFound));
        Assert.Equal(409, ChaincodeErrors.StatusFor(DomainErrorCodes.Conflict));
        Assert.Equal(500, ChaincodeErrors.StatusFor("SOMETHING_NEW"));
    }

    [Fact]
    public void Router_TitleAndDefaultContract_AreHealthRecords()
    {
        using var metadata = JsonDocument.Parse(HealthRecordsChaincode.CreateRouter().GetMetadataJson());

        Assert.Equal(HealthRecordsContract.ContractVersion, metadata.RootElement.GetProperty("info").GetProperty("version").GetString());
        Assert.True(metadata.RootElement.GetProperty("contracts").TryGetProperty(HealthRecordsContract.ContractName, out _));
    }
}
