using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>Gateway service requests, responses and error details.</summary>
internal static partial class Samples
{
    private static IMessage BuildGateway(string name) => name switch
    {
        "EndorseRequest" => EndorseRequest(),
        "EndorseResponse" => new EndorseResponse { PreparedTransaction = Envelope() },
        "SubmitRequest" => new SubmitRequest { TransactionId = TxId, ChannelId = Channel, PreparedTransaction = Envelope() },
        "SubmitResponse" => new SubmitResponse(),
        "SignedCommitStatusRequest" => new SignedCommitStatusRequest
        {
            Request = new CommitStatusRequest { TransactionId = TxId, ChannelId = Channel, Identity = Creator() }.ToByteString(),
            Signature = Utf8("status-signature"),
        },
        "CommitStatusResponse" => new CommitStatusResponse { Result = TxValidationCode.MvccReadConflict, BlockNumber = 42 },
        "EvaluateRequest" => EvaluateRequest(),
        "EvaluateResponse" => new EvaluateResponse { Result = Response(200, "OK", "query-result") },
        "SignedChaincodeEventsRequest" => SignedChaincodeEventsRequest(),
        "ChaincodeEventsResponse" => ChaincodeEventsResponse(),
        "Status.ErrorDetail" => ErrorStatus(),
        _ => throw new ArgumentException("unknown sample " + name, nameof(name)),
    };

    public static EndorseRequest EndorseRequest()
    {
        var request = new EndorseRequest { TransactionId = TxId, ChannelId = Channel, ProposedTransaction = SignedProposal() };
        request.EndorsingOrganizations.Add("Org1MSP");
        request.EndorsingOrganizations.Add("Org2MSP");
        return request;
    }

    public static EvaluateRequest EvaluateRequest()
    {
        var request = new EvaluateRequest { TransactionId = TxId, ChannelId = Channel, ProposedTransaction = SignedProposal() };
        request.TargetOrganizations.Add("Org2MSP");
        return request;
    }

    public static SignedChaincodeEventsRequest SignedChaincodeEventsRequest()
    {
        var request = new ChaincodeEventsRequest
        {
            ChannelId = Channel,
            ChaincodeId = Chaincode,
            Identity = Creator(),
            StartPosition = new SeekPosition { Specified = new SeekSpecified { Number = 10 } },
            AfterTransactionId = "tx-0000",
        };
        return new SignedChaincodeEventsRequest { Request = request.ToByteString(), Signature = Utf8("events-signature") };
    }

    public static ChaincodeEventsResponse ChaincodeEventsResponse()
    {
        var response = new ChaincodeEventsResponse { BlockNumber = 42 };
        response.Events.Add(ChaincodeEvent());
        return response;
    }

    public static Google.Rpc.Status ErrorStatus()
    {
        var status = new Google.Rpc.Status { Code = 10, Message = "failed to endorse transaction" };
        status.Details.Add(Any.Pack(new ErrorDetail { Address = "peer0.org1.example.com:7051", MspId = "Org1MSP", Message = "chaincode response 500" }));
        status.Details.Add(Any.Pack(new ErrorDetail { Address = "peer0.org2.example.com:9051", MspId = "Org2MSP", Message = "timeout" }));
        return status;
    }
}
