using System.Globalization;
using System.Text;
using Hyperledger.Fabric.Shim.Contracts;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>
/// The official Node fabric-shim (server mode) and our shim run the same chaincode through the same
/// scripted peer conversation; every message they send back must be the same, in the same order.
/// </summary>
public sealed class NodeShimInteropTests
{
    private const string PackageId = "interop_1.0:5f0c";

    private static readonly string[][] Script =
    [
        ["put", "a", "1"], ["put", "b", "2"], ["put", "c", "3"], ["put", "d", "4"], ["put", "e", "5"],
        ["get", "a"], ["get", "missing"], ["del", "b"], ["get", "b"], ["put", "a", "10"],
        ["putComposite", "color~name", "blue", "x1", "v1"], ["putComposite", "color~name", "blue", "x2", "v2"],
        ["putComposite", "color~name", "red", "x3", "v3"], ["listComposite", "color~name", "blue"],
        ["range", "a", "e"], ["range", "", ""], ["rangeFirst", "a", "z"],
        ["page", "", "", "2", ""], ["page", "", "", "2", "d"],
        ["history", "a"], ["history", "b"],
        ["event", "AssetCreated", "{\"id\":\"a1\"}"],
        ["fail", "something broke"], ["get", "broken"], ["nope"],
    ];

    [Fact]
    public async Task ScriptedConversation_NodeShimAndOurShim_SendTheSameMessages()
    {
        using var alice = TestIdentity.Create("Org1MSP", "alice", new Dictionary<string, string> { ["hrec.role"] = "patient" });
        var proposals = Script.Select((args, i) => alice.Propose("interop", args, new ProposalBuildOptions { Nonce = Encoding.UTF8.GetBytes($"nonce-{i:D19}-abcd") }).Proposal).ToArray();

        await using var node = NodeProcess.Start("shim/chaincode.js", [PackageId]);
        var line = await node.WaitForLineAsync(l => l.StartsWith("LISTENING ", StringComparison.Ordinal), TestTimeouts.Long);
        var nodePort = int.Parse(line["LISTENING ".Length..], CultureInfo.InvariantCulture);
        var nodeTranscript = await RunScriptAsync($"http://127.0.0.1:{nodePort}", proposals);

        await using var server = await ShimServer.StartAsync(
            new ContractRouter(new InteropContract()),
            new ChaincodeServerOptions { ChaincodeId = PackageId, Address = "127.0.0.1:0" });
        var ourTranscript = await RunScriptAsync(server.Address, proposals);


        // The conversation really exercised what it claims to.
        Assert.Contains(nodeTranscript, l => l.StartsWith("QUERY_STATE_NEXT", StringComparison.Ordinal));
        Assert.Contains(nodeTranscript, l => l.StartsWith("QUERY_STATE_CLOSE", StringComparison.Ordinal));
        Assert.Contains(nodeTranscript, l => l.Contains("\"eventName\": \"AssetCreated\"", StringComparison.Ordinal));
        Assert.Contains(nodeTranscript, l => l.Contains("scripted failure reading key broken", StringComparison.Ordinal));
        Assert.Contains(nodeTranscript, l => l.Contains("\"pageSize\": 2", StringComparison.Ordinal));
        Assert.Contains(nodeTranscript, l => l.Contains("text=a,c|2|d", StringComparison.Ordinal));
        for (var i = 0; i < Math.Max(nodeTranscript.Count, ourTranscript.Count); i++)
        {
            Assert.True(i < nodeTranscript.Count && i < ourTranscript.Count, $"transcripts differ in length at line {i}: node {nodeTranscript.Count}, ours {ourTranscript.Count}");
            Assert.Equal(nodeTranscript[i], ourTranscript[i]);
        }
    }

    private static async Task<List<string>> RunScriptAsync(string address, SignedProposal[] proposals)
    {
        var ledger = new ScriptedLedger { BatchSize = 2 };
        ledger.FailingKeys.Add("broken");
        await using var peer = await FakePeer.ConnectAsync(address);
        for (var i = 0; i < Script.Length; i++)
        {
            var txId = $"tx{i:D2}";
            var final = await peer.RunAsync(txId, Script[i], ledger.Respond, proposals[i]);
            ledger.Complete(final);
        }

        return peer.Received.Select(Describe).ToList();
    }

    /// <summary>A message as text: type, channel, tx id, decoded payload and event (nothing random is included).</summary>
    private static string Describe(ChaincodeMessage message)
    {
        var payload = message.Type switch
        {
            MessageType.Register => Json(ChaincodeID.Parser.ParseFrom(message.Payload)),
            MessageType.GetState or MessageType.GetPrivateDataHash => Json(GetState.Parser.ParseFrom(message.Payload)),
            MessageType.PutState => Json(PutState.Parser.ParseFrom(message.Payload)),
            MessageType.DelState or MessageType.PurgePrivateData => Json(DelState.Parser.ParseFrom(message.Payload)),
            MessageType.GetStateByRange => DescribeRange(GetStateByRange.Parser.ParseFrom(message.Payload)),
            MessageType.QueryStateNext => Json(QueryStateNext.Parser.ParseFrom(message.Payload)),
            MessageType.QueryStateClose => Json(QueryStateClose.Parser.ParseFrom(message.Payload)),
            MessageType.GetHistoryForKey => Json(GetHistoryForKey.Parser.ParseFrom(message.Payload)),
            MessageType.Completed => DescribeResponse(Response.Parser.ParseFrom(message.Payload)),
            _ => Convert.ToBase64String(message.Payload.ToByteArray()),
        };
        var chaincodeEvent = message.ChaincodeEvent is null ? "none" : Json(message.ChaincodeEvent);
        return $"{ChaincodeMessage.Descriptor.EnumTypes[0].FindValueByNumber((int)message.Type).Name} ch={message.ChannelId} tx={message.Txid} payload={payload} event={chaincodeEvent} proposal={message.Proposal is not null}";
    }

    private static string DescribeRange(GetStateByRange range)
    {
        var metadata = range.Metadata.IsEmpty ? "none" : Json(QueryMetadata.Parser.ParseFrom(range.Metadata));
        return $"{Json(new GetStateByRange { StartKey = range.StartKey, EndKey = range.EndKey, Collection = range.Collection })} metadata={metadata}";
    }

    private static string DescribeResponse(Response response) =>
        $"{Json(response)} text={response.Payload.ToStringUtf8()}";

    private static string Json(IMessage message) => JsonFormatter.Default.Format(message);
}
