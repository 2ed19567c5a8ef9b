using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>The five calls of Fabric's <c>gateway.Gateway</c> service (the same names and marshalling as the Grpc.Tools stubs).</summary>
internal static class GatewayMethods
{
    private const string Service = "gateway.Gateway";

    public static Method<EndorseRequest, EndorseResponse> Endorse { get; } = Create(MethodType.Unary, "Endorse", EndorseRequest.Parser, EndorseResponse.Parser);

    public static Method<SubmitRequest, SubmitResponse> Submit { get; } = Create(MethodType.Unary, "Submit", SubmitRequest.Parser, SubmitResponse.Parser);

    public static Method<SignedCommitStatusRequest, CommitStatusResponse> CommitStatus { get; } =
        Create(MethodType.Unary, "CommitStatus", SignedCommitStatusRequest.Parser, CommitStatusResponse.Parser);

    public static Method<EvaluateRequest, EvaluateResponse> Evaluate { get; } = Create(MethodType.Unary, "Evaluate", EvaluateRequest.Parser, EvaluateResponse.Parser);

    public static Method<SignedChaincodeEventsRequest, ChaincodeEventsResponse> ChaincodeEvents { get; } =
        Create(MethodType.ServerStreaming, "ChaincodeEvents", SignedChaincodeEventsRequest.Parser, ChaincodeEventsResponse.Parser);

    private static Method<TRequest, TResponse> Create<TRequest, TResponse>(MethodType type, string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(type, Service, name, Marshallers.Create(m => m.ToByteArray(), request.ParseFrom), Marshallers.Create(m => m.ToByteArray(), response.ParseFrom));
}
