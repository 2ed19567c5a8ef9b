using Fabric.Grpc.Internal;

namespace Fabric.Grpc;

/// <summary>A server streaming call in progress. Dispose cancels the call if it has not finished.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly IDisposable _call;
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;

    private AsyncServerStreamingCall(IDisposable call, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> headers, Func<Status> getStatus, Func<Metadata> getTrailers)
    {
        _call = call;
        ResponseStream = responseStream;
        ResponseHeadersAsync = headers;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
    }

    internal static AsyncServerStreamingCall<TResponse> Create<TRequest>(GrpcCall<TRequest, TResponse> call) =>
        new(call, new ClientResponseStream<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers);

    /// <summary>The responses; a non-OK status is thrown from <see cref="IAsyncStreamReader{T}.MoveNext"/> as <see cref="RpcException"/>.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers, once the server sends them.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call status.</summary>
    /// <returns>The status.</returns>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Status GetStatus() => _getStatus();

    /// <summary>The response trailers.</summary>
    /// <returns>The trailers.</returns>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Metadata GetTrailers() => _getTrailers();

    /// <summary>Cancels the call if it is still running and releases its stream. Idempotent.</summary>
    public void Dispose() => _call.Dispose();
}
