using Grpc.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Gateway.Internal;

/// <summary>Builds errors the way Fabric's gateway does: a gRPC status plus one ErrorDetail per endpoint.</summary>
internal static class GatewayErrors
{
    public static RpcException Create(StatusCode code, string message, IEnumerable<ErrorDetail>? details = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details ?? [])
        {
            status.Details.Add(Any.Pack(detail));
        }

        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
        return new RpcException(new Status(code, message), trailers, message);
    }

    public static ErrorDetail Detail(string address, string mspId, string message) =>
        new() { Address = address, MspId = mspId, Message = message };

    /// <summary>
    /// Fabric's responseStatus: how the gateway reads an endorser's answer. A refusal before simulation
    /// is FAILED_PRECONDITION; a 500 without payload came from the peer (ABORTED, worth retrying elsewhere);
    /// anything else at or above 400 came from the chaincode (UNKNOWN).
    /// </summary>
    public static (StatusCode Code, string Message, bool Retry) Classify(ProposalResponse response, string? error)
    {
        if (error is not null)
        {
            return (StatusCode.FailedPrecondition, error, false);
        }

        var status = response.Response?.Status ?? 500;
        if (status is >= 200 and < 400)
        {
            return (StatusCode.OK, "", false);
        }

        if (response.Payload.IsEmpty && status == 500)
        {
            return (StatusCode.Aborted, response.Response?.Message ?? "", true);
        }

        return (StatusCode.Unknown, $"chaincode response {status}, {response.Response?.Message}", false);
    }
}
