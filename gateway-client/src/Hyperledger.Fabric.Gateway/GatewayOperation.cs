namespace Hyperledger.Fabric.Gateway;

/// <summary>The Gateway service call a failure or a timeout belongs to.</summary>
public enum GatewayOperation
{
    /// <summary><c>Evaluate</c>: a query run by one peer, never ordered.</summary>
    Evaluate,

    /// <summary><c>Endorse</c>: the proposal run by peers of the organisations the endorsement policy needs.</summary>
    Endorse,

    /// <summary><c>Submit</c>: the signed transaction handed to the ordering service.</summary>
    Submit,

    /// <summary><c>CommitStatus</c>: waiting for the transaction's validation code and block.</summary>
    CommitStatus,

    /// <summary><c>ChaincodeEvents</c>: the stream of committed chaincode events.</summary>
    ChaincodeEvents,

    /// <summary><c>protos.Deliver</c>: a stream of committed blocks, filtered blocks or blocks with private data.</summary>
    BlockEvents,
}
