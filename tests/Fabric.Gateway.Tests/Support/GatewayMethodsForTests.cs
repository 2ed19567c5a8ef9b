using Fabric.Grpc;
using Hyperledger.Fabric.Protos.Gateway;

namespace Fabric.Gateway.Tests.Support;

/// <summary>The Gateway service's methods, declared independently of the client's internal ones.</summary>
public static class GatewayService
{
    private const string Name = "gateway.Gateway";

    public static Method<EndorseRequest, EndorseResponse> Endorse { get; } =
        new(MethodType.Unary, Name, "Endorse", Marshallers.Protobuf(EndorseRequest.Parser), Marshallers.Protobuf(EndorseResponse.Parser));

    public static Method<SubmitRequest, SubmitResponse> Submit { get; } =
        new(MethodType.Unary, Name, "Submit", Marshallers.Protobuf(SubmitRequest.Parser), Marshallers.Protobuf(SubmitResponse.Parser));

    public static Method<SignedCommitStatusRequest, CommitStatusResponse> CommitStatus { get; } =
        new(MethodType.Unary, Name, "CommitStatus", Marshallers.Protobuf(SignedCommitStatusRequest.Parser), Marshallers.Protobuf(CommitStatusResponse.Parser));

    public static Method<EvaluateRequest, EvaluateResponse> Evaluate { get; } =
        new(MethodType.Unary, Name, "Evaluate", Marshallers.Protobuf(EvaluateRequest.Parser), Marshallers.Protobuf(EvaluateResponse.Parser));

    public static Method<SignedChaincodeEventsRequest, ChaincodeEventsResponse> ChaincodeEvents { get; } =
        new(MethodType.ServerStreaming, Name, "ChaincodeEvents", Marshallers.Protobuf(SignedChaincodeEventsRequest.Parser), Marshallers.Protobuf(ChaincodeEventsResponse.Parser));
}
