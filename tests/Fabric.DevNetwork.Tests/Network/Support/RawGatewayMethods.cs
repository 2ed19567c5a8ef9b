using Fabric.Grpc;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>The Gateway service's methods, declared by the tests themselves.</summary>
public static class RawGatewayMethods
{
    public static Method<EvaluateRequest, EvaluateResponse> Evaluate { get; } = Unary("Evaluate", EvaluateRequest.Parser, EvaluateResponse.Parser);

    public static Method<EndorseRequest, EndorseResponse> Endorse { get; } = Unary("Endorse", EndorseRequest.Parser, EndorseResponse.Parser);

    public static Method<SubmitRequest, SubmitResponse> Submit { get; } = Unary("Submit", SubmitRequest.Parser, SubmitResponse.Parser);

    public static Method<SignedCommitStatusRequest, CommitStatusResponse> CommitStatus { get; } = Unary("CommitStatus", SignedCommitStatusRequest.Parser, CommitStatusResponse.Parser);

    public static Method<SignedChaincodeEventsRequest, ChaincodeEventsResponse> ChaincodeEvents { get; } =
        new(MethodType.ServerStreaming, "gateway.Gateway", "ChaincodeEvents", Marshallers.Protobuf(SignedChaincodeEventsRequest.Parser), Marshallers.Protobuf(ChaincodeEventsResponse.Parser));

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, "gateway.Gateway", name, Marshallers.Protobuf(request), Marshallers.Protobuf(response));
}
