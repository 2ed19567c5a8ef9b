namespace Fabric.Grpc.Internal;

/// <summary>The response stream of a client call.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
{
    public TResponse Current => call.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken = default) => call.MoveNextAsync(cancellationToken);
}
