namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>Fabric's wording for chaincode stream failures (the stream itself is the Grpc.Tools <c>protos.Chaincode</c> client).</summary>
internal static class ChaincodeProtocol
{
    /// <summary>Fabric's <c>ErrorStreamTerminated</c> text; the gateway treats a suffix of it as "chaincode gone".</summary>
    public const string StreamTerminated = "chaincode stream terminated";
}
