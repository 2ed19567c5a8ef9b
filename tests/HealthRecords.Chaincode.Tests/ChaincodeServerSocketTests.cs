using System.Text;
using System.Text.Json;
using Hyperledger.Fabric.Shim;
using Hyperledger.Fabric.Protos.Peer;
using HealthRecords.Chaincode.Tests.Infrastructure;
using TestSupport;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace HealthRecords.Chaincode.Tests;

/// <summary>The health-records chaincode on the real <see cref="ChaincodeServer"/>, driven over a loopback socket by a scripted peer.</summary>
public sealed class ChaincodeServerSocketTests
{
    private const string PackageId = "healthrecords_1.0:5e0b1f3c";

    [Fact]
    public async Task Connect_ScriptedPeer_RegistersAndRunsTransactionsEndToEnd()
    {
        await using var server = new ChaincodeServer(
            HealthRecordsChaincode.CreateRouter(), new ChaincodeServerOptions { ChaincodeId = PackageId, Address = "127.0.0.1:0" });
        await server.StartAsync().WaitAsync(TestTimeouts.Short);
        await using var peer = await MiniPeer.ConnectAsync(server.Address).WithTimeout(TestTimeouts.Short);
        var timestamp = new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

        var (register, registerTx) = Proposals.Create(Patient(), timestamp, [1, 2, 3], "RegisterPatient", Requests.Patient());
        var registered = await peer.RunAsync(registerTx, register, "RegisterPatient", Requests.Patient()).WithTimeout();
        var (add, addTx) = Proposals.Create(Provider(), timestamp.AddSeconds(1), [4, 5, 6], "AddRecord", Requests.Record());
        var added = await peer.RunAsync(addTx, add, "AddRecord", Requests.Record()).WithTimeout();
        var (bad, badTx) = Proposals.Create(Provider(), timestamp.AddSeconds(2), [7, 8, 9], "AddRecord", "{\"patientId\":");
        var refused = await peer.RunAsync(badTx, bad, "AddRecord", "{\"patientId\":").WithTimeout();

        Assert.Equal(MessageType.Register, peer.Register!.Type);
        Assert.Equal(PackageId, ChaincodeID.Parser.ParseFrom(peer.Register.Payload).Name);

        var registerResponse = Completed(registered.Completed);
        Assert.Equal(200, registerResponse.Status);
        Assert.NotEmpty(registered.Writes);
        using (var json = JsonDocument.Parse(registerResponse.Payload.Memory))
        {
            Assert.Equal(Patient().Id, json.RootElement.GetProperty("identities")[0].GetProperty("identityId").GetString());
        }

        var addResponse = Completed(added.Completed);
        Assert.Equal(200, addResponse.Status);
        using (var json = JsonDocument.Parse(addResponse.Payload.Memory))
        {
            var record = json.RootElement.GetProperty("record");
            Assert.Equal(addTx, record.GetProperty("txId").GetString());
            Assert.Equal("2026-02-03T04:05:07.789Z", record.GetProperty("recordedAt").GetString());
        }

        Assert.Equal("RecordAdded", added.Completed.ChaincodeEvent.EventName);
        using (var payload = JsonDocument.Parse(added.Completed.ChaincodeEvent.Payload.Memory))
        {
            Assert.Equal(addTx, payload.RootElement.GetProperty("txId").GetString());
        }

        var refusedResponse = Completed(refused.Completed);
        Assert.Equal(400, refusedResponse.Status);
        Assert.StartsWith("INVALID_ARGUMENT: ", refusedResponse.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Writes);
        Assert.True(refused.Completed.ChaincodeEvent is null || string.IsNullOrEmpty(refused.Completed.ChaincodeEvent.EventName));
    }

    [Fact]
    public async Task Connect_ScriptedPeer_GetMetadataReturnsContractJson()
    {
        await using var server = new ChaincodeServer(
            HealthRecordsChaincode.CreateRouter(), new ChaincodeServerOptions { ChaincodeId = PackageId, Address = "127.0.0.1:0" });
        await server.StartAsync().WaitAsync(TestTimeouts.Short);
        await using var peer = await MiniPeer.ConnectAsync(server.Address).WithTimeout(TestTimeouts.Short);
        var (proposal, txId) = Proposals.Create(Auditor(), DateTimeOffset.UnixEpoch, [42], "org.hyperledger.fabric:GetMetadata");

        var result = await peer.RunAsync(txId, proposal, "org.hyperledger.fabric:GetMetadata").WithTimeout();

        var response = Completed(result.Completed);
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(response.Payload.Memory);
        Assert.Equal(22, json.RootElement.GetProperty("contracts").GetProperty("healthrecords").GetProperty("transactions").GetArrayLength());
    }

    private static Response Completed(ChaincodeMessage message)
    {
        Assert.True(message.Type == MessageType.Completed, $"expected COMPLETED, got {message.Type}: {Encoding.UTF8.GetString(message.Payload.Span)}");
        return Response.Parser.ParseFrom(message.Payload);
    }
}
