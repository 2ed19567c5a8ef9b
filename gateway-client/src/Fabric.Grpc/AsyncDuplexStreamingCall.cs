using Fabric.Grpc.Internal;

namespace Fabric.Grpc;

/// <summary>
/// A bidirectional streaming call in progress: write requests and read responses concurrently.
/// Dispose cancels the call if it has not finished.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    internal AsyncDuplexStreamingCall(GrpcCall<TRequest, TResponse> call)
    {
        _call = call;
        RequestStream = new ClientRequestStream<TRequest, TResponse>(call);
        ResponseStream = new ClientResponseStream<TRequest, TResponse>(call);
    }

    /// <summary>The requests; one write at a time, then <see cref="IClientStreamWriter{T}.CompleteAsync"/> to half-close.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The responses; a non-OK status is thrown from <see cref="IAsyncStreamReader{T}.MoveNext"/> as <see cref="RpcException"/>.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers, once the server sends them.</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The call status.</summary>
    /// <returns>The status.</returns>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The response trailers.</summary>
    /// <returns>The trailers.</returns>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running and releases its streams. Idempotent.</summary>
    public void Dispose() => _call.Dispose();
}
