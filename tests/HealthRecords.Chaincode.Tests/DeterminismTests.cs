using HealthRecords.Chaincode.Tests.Infrastructure;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>Every endorser must produce the same bytes for the same proposal.</summary>
public sealed class DeterminismTests
{
    private const string TxId = "3f2b7a1c9d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    private static readonly DateTimeOffset Timestamp = new(2026, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    public static TheoryData<string> SubmitCases => ["AddRecord", "GrantConsent", "RequestAccess", "EmergencyAccess", "SupersedeRecord"];

    [Theory]
    [MemberData(nameof(SubmitCases))]
    public async Task Submit_SameProposalSimulatedTwice_IdenticalWriteSetResponseAndEvent(string function)
    {
        var (scenario, recordId, args) = await PrepareAsync(function);
        var options = ChaincodeHarness.Options(CallerFor(function)) with { TxId = TxId, Timestamp = Timestamp };

        var first = await scenario.Chaincode.RunAsync(args(recordId), options, commit: false);
        var second = await scenario.Chaincode.RunAsync(args(recordId), options, commit: false);

        Assert.True(first.IsSuccess, first.Message);
        Assert.NotEmpty(first.Writes);
        AssertSameBytes(first, second);
    }

    [Theory]
    [MemberData(nameof(SubmitCases))]
    public async Task Submit_SameProposalOnTwoPeersLedgers_IdenticalWriteSetResponseAndEvent(string function)
    {
        // Two peers: two ledgers built by the same committed history.
        var (peer1, recordId1, args1) = await PrepareAsync(function);
        var (peer2, recordId2, args2) = await PrepareAsync(function);
        Assert.Equal(recordId1, recordId2);
        var options = ChaincodeHarness.Options(CallerFor(function)) with { TxId = TxId, Timestamp = Timestamp };

        var first = await peer1.Chaincode.RunAsync(args1(recordId1), options, commit: false);
        var second = await peer2.Chaincode.RunAsync(args2(recordId2), options, commit: false);

        Assert.True(first.IsSuccess, first.Message);
        AssertSameBytes(first, second);
    }

    [Fact]
    public async Task Evaluate_SameQueryTwice_IdenticalResponseBytes()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        var options = ChaincodeHarness.Options(Patient()) with { TxId = TxId, Timestamp = Timestamp };

        var first = await scenario.Chaincode.RunAsync(ChaincodeHarness.Args("GetRecord", Requests.GetRecord(recordId)), options, commit: false);
        var second = await scenario.Chaincode.RunAsync(ChaincodeHarness.Args("GetRecord", Requests.GetRecord(recordId)), options, commit: false);

        Assert.True(first.IsSuccess, first.Message);
        Assert.Equal(first.PayloadBytes, second.PayloadBytes);
    }

    private static void AssertSameBytes(TxOutcome first, TxOutcome second)
    {
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.PayloadBytes, second.PayloadBytes);
        Assert.Equal(first.Writes.Select(w => w.Key), second.Writes.Select(w => w.Key));
        foreach (var (a, b) in first.Writes.Zip(second.Writes))
        {
            Assert.Equal(a.Value, b.Value);
        }

        Assert.Equal(first.Event?.EventName, second.Event?.EventName);
        Assert.Equal(first.Event?.Payload.ToArray(), second.Event?.Payload.ToArray());
    }

    private static Hyperledger.Fabric.Identity.X509Identity CallerFor(string function) => function switch
    {
        "GrantConsent" => Patient(),
        "RequestAccess" => Provider(Org2),
        "EmergencyAccess" => Emergency(),
        _ => Provider(),
    };

    private static async Task<(Scenario Scenario, string RecordId, Func<string, byte[][]> Args)> PrepareAsync(string function)
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        await scenario.GrantAsync(Requests.GrantToOrg(Org2));
        Func<string, byte[][]> args = function switch
        {
            "AddRecord" => _ => ChaincodeHarness.Args("AddRecord", Requests.Record(category: "imaging")),
            "GrantConsent" => _ => ChaincodeHarness.Args("GrantConsent", Requests.GrantToOrg(Org2, category: "imaging")),
            "RequestAccess" => id => ChaincodeHarness.Args("RequestAccess", Requests.ReadRecord(id)),
            "EmergencyAccess" => _ => ChaincodeHarness.Args("EmergencyAccess", Requests.Json(new { patientId = P1, reason = "Cardiac arrest on arrival" })),
            _ => id => ChaincodeHarness.Args("SupersedeRecord", Requests.Supersede(id)),
        };
        return (scenario, recordId, args);
    }
}
