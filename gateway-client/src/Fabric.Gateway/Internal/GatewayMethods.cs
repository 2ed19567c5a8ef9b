using Fabric.Grpc;
using Hyperledger.Fabric.Protos.Gateway;

namespace Fabric.Gateway.Internal;

/// <summary>The five calls of Fabric's <c>gateway.Gateway</c> service.</summary>
internal static class GatewayMethods
{
    private const string Service = "gateway.Gateway";

    public static Method<EndorseRequest, EndorseResponse> Endorse { get; } =
        new(MethodType.Unary, Service, "Endorse", Marshallers.Protobuf(EndorseRequest.Parser), Marshallers.Protobuf(EndorseResponse.Parser));

    public static Method<SubmitRequest, SubmitResponse> Submit { get; } =
        new(MethodType.Unary, Service, "Submit", Marshallers.Protobuf(SubmitRequest.Parser), Marshallers.Protobuf(SubmitResponse.Parser));

    public static Method<SignedCommitStatusRequest, CommitStatusResponse> CommitStatus { get; } =
        new(MethodType.Unary, Service, "CommitStatus", Marshallers.Protobuf(SignedCommitStatusRequest.Parser), Marshallers.Protobuf(CommitStatusResponse.Parser));

    public static Method<EvaluateRequest, EvaluateResponse> Evaluate { get; } =
        new(MethodType.Unary, Service, "Evaluate", Marshallers.Protobuf(EvaluateRequest.Parser), Marshallers.Protobuf(EvaluateResponse.Parser));

    public static Method<SignedChaincodeEventsRequest, ChaincodeEventsResponse> ChaincodeEvents { get; } =
        new(MethodType.ServerStreaming, Service, "ChaincodeEvents", Marshallers.Protobuf(SignedChaincodeEventsRequest.Parser), Marshallers.Protobuf(ChaincodeEventsResponse.Parser));
}
