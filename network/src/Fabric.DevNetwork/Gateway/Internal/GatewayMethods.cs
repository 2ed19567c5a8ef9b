using Fabric.Grpc;
using Hyperledger.Fabric.Protos.Gateway;

namespace Fabric.DevNetwork.Gateway.Internal;

/// <summary>The five methods of Fabric's <c>gateway.Gateway</c> service.</summary>
internal static class GatewayMethods
{
    private const string Service = "gateway.Gateway";

    public static Method<EndorseRequest, EndorseResponse> Endorse { get; } = Unary("Endorse", EndorseRequest.Parser, EndorseResponse.Parser);

    public static Method<SubmitRequest, SubmitResponse> Submit { get; } = Unary("Submit", SubmitRequest.Parser, SubmitResponse.Parser);

    public static Method<SignedCommitStatusRequest, CommitStatusResponse> CommitStatus { get; } =
        Unary("CommitStatus", SignedCommitStatusRequest.Parser, CommitStatusResponse.Parser);

    public static Method<EvaluateRequest, EvaluateResponse> Evaluate { get; } = Unary("Evaluate", EvaluateRequest.Parser, EvaluateResponse.Parser);

    public static Method<SignedChaincodeEventsRequest, ChaincodeEventsResponse> ChaincodeEvents { get; } = new(
        MethodType.ServerStreaming,
        Service,
        "ChaincodeEvents",
        Marshallers.Protobuf(SignedChaincodeEventsRequest.Parser),
        Marshallers.Protobuf(ChaincodeEventsResponse.Parser));

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, Google.Protobuf.MessageParser<TRequest> request, Google.Protobuf.MessageParser<TResponse> response)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse> =>
        new(MethodType.Unary, Service, name, Marshallers.Protobuf(request), Marshallers.Protobuf(response));
}
