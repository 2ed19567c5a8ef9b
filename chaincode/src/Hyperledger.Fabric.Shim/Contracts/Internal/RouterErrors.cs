namespace Hyperledger.Fabric.Shim.Contracts.Internal;

/// <summary>
/// The router's own refusals of a request it cannot route or bind: a 4xx status the gateway passes on,
/// and a message that starts with a gRPC-style code (<c>INVALID_ARGUMENT: </c>, <c>NOT_FOUND: </c>) so
/// a client can tell bad input from a failure of the chaincode (500).
/// </summary>
internal static class RouterErrors
{
    /// <summary>Status of input the router cannot bind (400).</summary>
    public const int InvalidArgumentStatus = 400;

    /// <summary>Status of a contract that does not exist (404).</summary>
    public const int NotFoundStatus = 404;

    public static ChaincodeException InvalidArgument(string message) =>
        new("INVALID_ARGUMENT: " + message, default, InvalidArgumentStatus);

    public static ChaincodeException NotFound(string message) =>
        new("NOT_FOUND: " + message, default, NotFoundStatus);
}
