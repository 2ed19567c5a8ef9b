using System.Text;
using System.Text.Json;
using Hyperledger.Fabric.Shim;
using Hyperledger.Fabric.Protos.Peer;
using HealthRecords.Chaincode.Tests.Infrastructure;
using Hyperledger.Fabric.Identity;
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
        await using var peer = await FakePeer.ConnectAsync(server.Address).WithTimeout(TestTimeouts.Short);
        var ledger = new ScriptedLedger();
        var timestamp = new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

        string[] registerArgs = ["RegisterPatient", Requests.Patient()];
        var (register, registerTx, _) = Create(Patient(), timestamp, [1, 2, 3], registerArgs);
        var registered = await peer.RunAsync(registerTx, registerArgs, ledger, register).WithTimeout();
        string[] addArgs = ["AddRecord", Requests.Record()];
        var (add, addTx, _) = Create(Provider(), timestamp.AddSeconds(1), [4, 5, 6], addArgs);
        var added = await peer.RunAsync(addTx, addArgs, ledger, add).WithTimeout();
        string[] badArgs = ["AddRecord", "{\"patientId\":"];
        var (bad, badTx, _) = Create(Provider(), timestamp.AddSeconds(2), [7, 8, 9], badArgs);
        var refused = await peer.RunAsync(badTx, badArgs, ledger, bad).WithTimeout();

        var opening = peer.Received[0];
        Assert.Equal(MessageType.Register, opening.Type);
        Assert.Equal(PackageId, ChaincodeID.Parser.ParseFrom(opening.Payload).Name);

        var registerResponse = Completed(registered);
        Assert.Equal(200, registerResponse.Status);
        Assert.NotEmpty(peer.Requests(registerTx, MessageType.PutState));
        using (var json = JsonDocument.Parse(registerResponse.Payload.Memory))
        {
            Assert.Equal(Patient().Id, json.RootElement.GetProperty("identities")[0].GetProperty("identityId").GetString());
        }

        var addResponse = Completed(added);
        Assert.Equal(200, addResponse.Status);
        using (var json = JsonDocument.Parse(addResponse.Payload.Memory))
        {
            var record = json.RootElement.GetProperty("record");
            Assert.Equal(addTx, record.GetProperty("txId").GetString());
            Assert.Equal("2026-02-03T04:05:07.789Z", record.GetProperty("recordedAt").GetString());
        }

        Assert.Equal("RecordAdded", added.ChaincodeEvent.EventName);
        using (var payload = JsonDocument.Parse(added.ChaincodeEvent.Payload.Memory))
        {
            Assert.Equal(addTx, payload.RootElement.GetProperty("txId").GetString());
        }

        var refusedResponse = Completed(refused);
        Assert.Equal(400, refusedResponse.Status);
        Assert.StartsWith("INVALID_ARGUMENT: ", refusedResponse.Message, StringComparison.Ordinal);
        Assert.Empty(peer.Requests(badTx, MessageType.PutState));
        Assert.True(refused.ChaincodeEvent is null || string.IsNullOrEmpty(refused.ChaincodeEvent.EventName));
    }

    [Fact]
    public async Task Connect_ScriptedPeer_GetMetadataReturnsContractJson()
    {
        await using var server = new ChaincodeServer(
            HealthRecordsChaincode.CreateRouter(), new ChaincodeServerOptions { ChaincodeId = PackageId, Address = "127.0.0.1:0" });
        await server.StartAsync().WaitAsync(TestTimeouts.Short);
        await using var peer = await FakePeer.ConnectAsync(server.Address).WithTimeout(TestTimeouts.Short);
        var ledger = new ScriptedLedger();
        string[] args = ["org.hyperledger.fabric:GetMetadata"];
        var (proposal, txId, _) = Create(Auditor(), DateTimeOffset.UnixEpoch, [42], args);

        var result = await peer.RunAsync(txId, args, ledger, proposal).WithTimeout();

        var response = Completed(result);
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(response.Payload.Memory);
        Assert.Equal(22, json.RootElement.GetProperty("contracts").GetProperty("healthrecords").GetProperty("transactions").GetArrayLength());
    }

    /// <summary>An unsigned proposal: the peer checks the client's signature before it calls the chaincode, which never looks at it.</summary>
    internal static BuiltProposal Create(X509Identity creator, DateTimeOffset timestamp, byte[] nonce, string[] args) =>
        ProposalBuilder.Create(creator.ToSerializedIdentity(), FakePeer.Channel, HealthRecordsContract.ContractName, args, new ProposalBuildOptions { Timestamp = timestamp, Nonce = nonce });

    private static Response Completed(ChaincodeMessage message)
    {
        Assert.True(message.Type == MessageType.Completed, $"expected COMPLETED, got {message.Type}: {Encoding.UTF8.GetString(message.Payload.Span)}");
        return Response.Parser.ParseFrom(message.Payload);
    }
}
