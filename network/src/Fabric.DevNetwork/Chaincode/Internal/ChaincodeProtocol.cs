using Fabric.Grpc;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>The one gRPC method a chaincode server offers a peer.</summary>
internal static class ChaincodeProtocol
{
    /// <summary>Fabric's <c>ErrorStreamTerminated</c> text; the gateway treats a suffix of it as "chaincode gone".</summary>
    public const string StreamTerminated = "chaincode stream terminated";

    public static Method<ChaincodeMessage, ChaincodeMessage> Connect { get; } = new(
        MethodType.DuplexStreaming,
        "protos.Chaincode",
        "Connect",
        Marshallers.Protobuf(ChaincodeMessage.Parser),
        Marshallers.Protobuf(ChaincodeMessage.Parser));
}
