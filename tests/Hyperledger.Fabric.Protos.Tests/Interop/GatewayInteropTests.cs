using System.Text.Json;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>Gateway requests, responses and error details, read from and written for the official Node classes.</summary>
public sealed class GatewayInteropTests(NodeProtosFixture node) : IClassFixture<NodeProtosFixture>
{
    [Fact]
    public void Parse_NodeEndorseAndEvaluateRequests_FieldsRead()
    {
        var endorse = EndorseRequest.Parser.ParseFrom(node.NodeBytes("EndorseRequest"));
        var evaluate = EvaluateRequest.Parser.ParseFrom(node.NodeBytes("EvaluateRequest"));

        Assert.Equal((Samples.TxId, Samples.Channel), (endorse.TransactionId, endorse.ChannelId));
        Assert.Equal(["Org1MSP", "Org2MSP"], endorse.EndorsingOrganizations);
        Assert.Equal("proposal-signature", endorse.ProposedTransaction.Signature.ToStringUtf8());
        Assert.Equal(["Org2MSP"], evaluate.TargetOrganizations);
        Assert.Equal(Samples.SignedProposal(), evaluate.ProposedTransaction);
    }

    [Fact]
    public void Parse_NodeEndorseSubmitEvaluateResponses_FieldsRead()
    {
        var endorse = EndorseResponse.Parser.ParseFrom(node.NodeBytes("EndorseResponse"));
        var submit = SubmitRequest.Parser.ParseFrom(node.NodeBytes("SubmitRequest"));
        var evaluate = EvaluateResponse.Parser.ParseFrom(node.NodeBytes("EvaluateResponse"));

        Assert.Equal("envelope-signature", endorse.PreparedTransaction.Signature.ToStringUtf8());
        Assert.Equal(Samples.TxId, submit.TransactionId);
        Assert.Equal(Samples.Envelope(), submit.PreparedTransaction);
        Assert.Equal((200, "OK", "query-result"), (evaluate.Result.Status, evaluate.Result.Message, evaluate.Result.Payload.ToStringUtf8()));
    }

    [Fact]
    public void Parse_NodeSignedCommitStatus_RequestAndResponseRead()
    {
        var signed = SignedCommitStatusRequest.Parser.ParseFrom(node.NodeBytes("SignedCommitStatusRequest"));
        var request = CommitStatusRequest.Parser.ParseFrom(signed.Request);
        var response = CommitStatusResponse.Parser.ParseFrom(node.NodeBytes("CommitStatusResponse"));

        Assert.Equal("status-signature", signed.Signature.ToStringUtf8());
        Assert.Equal((Samples.TxId, Samples.Channel), (request.TransactionId, request.ChannelId));
        Assert.Equal("Org1MSP", SerializedIdentity.Parser.ParseFrom(request.Identity).Mspid);
        Assert.Equal(TxValidationCode.MvccReadConflict, response.Result);
        Assert.Equal(42UL, response.BlockNumber);
    }

    [Fact]
    public void Parse_NodeSignedChaincodeEvents_StartPositionAndEventsRead()
    {
        var signed = SignedChaincodeEventsRequest.Parser.ParseFrom(node.NodeBytes("SignedChaincodeEventsRequest"));
        var request = ChaincodeEventsRequest.Parser.ParseFrom(signed.Request);
        var response = ChaincodeEventsResponse.Parser.ParseFrom(node.NodeBytes("ChaincodeEventsResponse"));

        Assert.Equal((Samples.Channel, Samples.Chaincode), (request.ChannelId, request.ChaincodeId));
        Assert.Equal(SeekPosition.TypeOneofCase.Specified, request.StartPosition.TypeCase);
        Assert.Equal(10UL, request.StartPosition.Specified.Number);
        Assert.Equal("tx-0000", request.AfterTransactionId);
        Assert.Equal(42UL, response.BlockNumber);
        Assert.Equal("RecordAdded", Assert.Single(response.Events).EventName);
    }

    [Fact]
    public void Parse_NodeStatusWithErrorDetails_DetailsUnpack()
    {
        var status = Google.Rpc.Status.Parser.ParseFrom(node.NodeBytes("Status.ErrorDetail"));
        var details = status.Details.Select(d => d.Unpack<ErrorDetail>()).ToList();

        Assert.Equal(10, status.Code);
        Assert.Equal("failed to endorse transaction", status.Message);
        Assert.All(status.Details, d => Assert.Equal("type.googleapis.com/gateway.ErrorDetail", d.TypeUrl));
        Assert.Equal(["peer0.org1.example.com:7051", "peer0.org2.example.com:9051"], details.Select(d => d.Address));
        Assert.Equal(["Org1MSP", "Org2MSP"], details.Select(d => d.MspId));
        Assert.Equal("timeout", details[1].Message);
    }

    [Fact]
    public void NodeDecode_OurCommitStatusResponse_ResultAndBlockRead()
    {
        using var doc = JsonDocument.Parse(node.NodeJsonOfCSharpBytes("CommitStatusResponse"));

        Assert.Equal((int)TxValidationCode.MvccReadConflict, doc.RootElement.GetProperty("result").GetInt32());
        Assert.Equal(42, doc.RootElement.GetProperty("blockNumber").GetInt32());
    }

    [Fact]
    public async Task NodeDecode_OurErrorDetail_FieldsRead()
    {
        var detail = new ErrorDetail { Address = "peer0.org2.example.com:9051", MspId = "Org2MSP", Message = "access denied" };

        using var doc = JsonDocument.Parse(await NodeProtosFixture.DecodeAsync("ErrorDetail", detail));

        Assert.Equal("peer0.org2.example.com:9051", doc.RootElement.GetProperty("address").GetString());
        Assert.Equal("Org2MSP", doc.RootElement.GetProperty("mspId").GetString());
        Assert.Equal("access denied", doc.RootElement.GetProperty("message").GetString());
    }
}
