using Grpc.Core;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>What chaincode-event and block-event streams share: reading one message, and which failures a reconnection may retry.</summary>
internal static class EventStreams
{
    /// <summary>Failures that a new connection (perhaps to another endpoint) may not repeat.</summary>
    public static bool IsTransient(StatusCode code) => code is not (StatusCode.InvalidArgument or StatusCode.PermissionDenied
        or StatusCode.Unauthenticated or StatusCode.NotFound or StatusCode.Unimplemented or StatusCode.FailedPrecondition
        or StatusCode.DeadlineExceeded or StatusCode.OutOfRange or StatusCode.AlreadyExists);

    /// <summary>Moves to the next message; a stream failure comes back as a value, cancellation by the caller as <see cref="OperationCanceledException"/>.</summary>
    public static async Task<(bool More, RpcException? Failure)> TryMoveNextAsync<T>(IAsyncStreamReader<T> reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.MoveNext(cancellationToken).ConfigureAwait(false), null);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException e)
        {
            return (false, GatewayErrors.Normalise(e));
        }
    }
}
