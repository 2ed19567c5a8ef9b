namespace Fabric.Grpc.Server.Internal;

/// <summary>The request stream a duplex handler reads.</summary>
internal sealed class ServerRequestStream<TRequest>(ServerCall call, Marshaller<TRequest> marshaller) : IAsyncStreamReader<TRequest>
{
    public TRequest Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Context.CancellationToken, cancellationToken);
        var (read, message) = await call.TryReadMessageAsync(marshaller, linked.Token).ConfigureAwait(false);
        if (read)
        {
            Current = message;
        }

        return read;
    }
}

/// <summary>The response stream a streaming handler writes.</summary>
internal sealed class ServerResponseStream<TResponse>(ServerCall call, Marshaller<TResponse> marshaller) : IServerStreamWriter<TResponse>
{
    public async Task WriteAsync(TResponse message, CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            await call.WriteMessageAsync(marshaller, message, call.Context.CancellationToken).ConfigureAwait(false);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Context.CancellationToken, cancellationToken);
        await call.WriteMessageAsync(marshaller, message, linked.Token).ConfigureAwait(false);
    }
}
