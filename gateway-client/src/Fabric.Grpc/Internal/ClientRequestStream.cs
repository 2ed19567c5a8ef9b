namespace Fabric.Grpc.Internal;

/// <summary>The request stream of a duplex client call.</summary>
internal sealed class ClientRequestStream<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
{
    public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteAsync(message, cancellationToken);

    public Task CompleteAsync() => call.CompleteRequestAsync();
}
