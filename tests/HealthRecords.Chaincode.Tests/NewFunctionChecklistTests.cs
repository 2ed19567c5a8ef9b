using System.Text;
using System.Text.Json;
using HealthRecords.Chaincode.Tests.Infrastructure;
using Hyperledger.Fabric.Shim.Contracts;
using Hyperledger.Fabric.Shim.Testing;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>
/// CONTRIBUTING.md's checklist for a new chaincode function, done to the real sources: a contract
/// record pair, a row in the function table and a service method, nothing else. The sources are
/// built in memory through the generators, and the new function is called through the router the
/// chaincode process hosts. If a step stops being enough (or stops being needed), this fails.
/// </summary>
public sealed class NewFunctionChecklistTests
{
    private const string Records = """
        using System.Text.Json.Serialization;

        namespace HealthRecords.Domain.Contracts;

        public sealed record EchoPatientRequest(
            [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId);

        public sealed record EchoPatientResponse(
            [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
            [property: JsonPropertyName("callerMspId"), JsonPropertyOrder(1)] string CallerMspId);
        """;

    private const string Row = """
        [ChaincodeFunction("EchoPatient", Evaluate, typeof(EchoPatientRequest), typeof(EchoPatientResponse),
            "Echoes the patient id with the caller's MSP id.")]

        """;

    private const string ServiceMethod = """
        using HealthRecords.Domain.Contracts;
        using HealthRecords.Domain.Ports;

        namespace HealthRecords.Domain;

        public sealed partial class HealthRecordsService
        {
            public Task<EchoPatientResponse> EchoPatientAsync(
                ITransactionContext context, EchoPatientRequest request, CancellationToken cancellationToken = default) =>
                Task.FromResult(new EchoPatientResponse(request.PatientId, context.Caller.MspId));
        }
        """;

    private const string TableFile = "Functions/HealthRecordsFunctionTable.cs";

    private static readonly Lazy<ChaincodeSourceBuild.BuildResult> WithEveryStep = new(() => ChaincodeSourceBuild.Build(Steps(withServiceMethod: true)));

    [Fact]
    public async Task Checklist_RecordsRowAndServiceMethod_FunctionAnswersThroughTheRouter()
    {
        var router = CreateRouter();
        var ledger = new InMemoryLedger("healthchannel");
        var stub = ledger.CreateStub(
            [Encoding.UTF8.GetBytes("EchoPatient"), Encoding.UTF8.GetBytes("""{"patientId":"patient-042"}""")],
            new InMemoryTransactionOptions { Creator = Patient() });

        var response = await router.InvokeAsync(stub).WaitAsync(TestSupport.TestTimeouts.Short);

        Assert.True(response.IsSuccess, $"{response.Status} {response.Message}");
        Assert.Equal("""{"patientId":"patient-042","callerMspId":"Org1MSP"}""", Encoding.UTF8.GetString(response.Payload.Span));
    }

    [Fact]
    public async Task Checklist_NewRow_IsInTheContractMetadataAsEvaluateWithItsDescription()
    {
        var router = CreateRouter();
        var stub = new InMemoryLedger("healthchannel").CreateStub(
            [Encoding.UTF8.GetBytes("org.hyperledger.fabric:GetMetadata")], new InMemoryTransactionOptions());

        var response = await router.InvokeAsync(stub).WaitAsync(TestSupport.TestTimeouts.Short);

        using var metadata = JsonDocument.Parse(response.Payload);
        var echo = Assert.Single(
            metadata.RootElement.GetProperty("contracts").GetProperty(HealthRecordsContract.ContractName).GetProperty("transactions").EnumerateArray(),
            t => t.GetProperty("name").GetString() == "EchoPatient");
        Assert.Equal("EVALUATE", echo.GetProperty("tag")[0].GetString());
        Assert.Equal(
            "Echoes the patient id with the caller's MSP id. Request: EchoPatientRequest. Response: EchoPatientResponse.",
            echo.GetProperty("description").GetString());
    }

    [Fact]
    public void Checklist_NewRow_GivesClientsTheFunctionNameConstant()
    {
        var contracts = WithEveryStep.Value.Load("HealthRecords.Contracts");

        var constant = contracts.GetType("HealthRecords.Domain.Contracts.HealthRecordsFunctionTable", throwOnError: true)!.GetField("EchoPatient");

        Assert.NotNull(constant);
        Assert.Equal("EchoPatient", constant.GetRawConstantValue());
    }

    [Fact]
    public void Checklist_RowWithoutServiceMethod_DoesNotBuild()
    {
        var build = ChaincodeSourceBuild.Build(Steps(withServiceMethod: false));

        var error = Assert.Single(build.Errors);
        Assert.Equal("CS1061", error.Id);
        Assert.Contains("EchoPatientAsync", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static ContractRouter CreateRouter()
    {
        var chaincode = WithEveryStep.Value.Load("HealthRecords.Chaincode");
        var create = chaincode.GetType("HealthRecords.Chaincode.HealthRecordsChaincode", throwOnError: true)!.GetMethod("CreateRouter")!;
        return (ContractRouter)create.Invoke(null, [null, null])!;
    }

    /// <summary>The checklist's steps 1 to 3 as file edits.</summary>
    private static Dictionary<(string Project, string File), string> Steps(bool withServiceMethod)
    {
        var table = ChaincodeSourceBuild.ReadSource("HealthRecords.Contracts", TableFile);
        var classLine = table.IndexOf("public static partial class HealthRecordsFunctionTable", StringComparison.Ordinal);
        Assert.True(classLine > 0, "the function table's class declaration moved; update the checklist and this test");
        var edits = new Dictionary<(string Project, string File), string>
        {
            [("HealthRecords.Contracts", "Contracts/EchoPatient.cs")] = Records,
            [("HealthRecords.Contracts", TableFile)] = table.Insert(classLine, Row),
        };
        if (withServiceMethod)
        {
            edits[("HealthRecords.Domain", "HealthRecordsService.Echo.cs")] = ServiceMethod;
        }

        return edits;
    }
}
