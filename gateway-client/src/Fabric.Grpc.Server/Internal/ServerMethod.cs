namespace Fabric.Grpc.Server.Internal;

/// <summary>A registered method: reads its request(s), runs the handler, writes its response(s).</summary>
internal abstract class ServerMethod
{
    public abstract Task InvokeAsync(ServerCall call);
}

/// <summary>A registered method of a given message pair.</summary>
internal sealed class ServerMethod<TRequest, TResponse> : ServerMethod
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<TRequest, ServerCallContext, Task<TResponse>>? _unary;
    private readonly Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _serverStreaming;
    private readonly Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _duplex;

    public ServerMethod(
        Method<TRequest, TResponse> method,
        Func<TRequest, ServerCallContext, Task<TResponse>>? unary = null,
        Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>? serverStreaming = null,
        Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>? duplex = null)
    {
        _method = method;
        _unary = unary;
        _serverStreaming = serverStreaming;
        _duplex = duplex;
    }

    public override async Task InvokeAsync(ServerCall call)
    {
        var context = call.Context;
        if (_unary is not null)
        {
            var request = await call.ReadSingleMessageAsync(_method.RequestMarshaller).ConfigureAwait(false);
            var response = await _unary(request, context).ConfigureAwait(false);
            await call.WriteMessageAsync(_method.ResponseMarshaller, response, context.CancellationToken).ConfigureAwait(false);
        }
        else if (_serverStreaming is not null)
        {
            var request = await call.ReadSingleMessageAsync(_method.RequestMarshaller).ConfigureAwait(false);
            await _serverStreaming(request, new ServerResponseStream<TResponse>(call, _method.ResponseMarshaller), context).ConfigureAwait(false);
        }
        else
        {
            var reader = new ServerRequestStream<TRequest>(call, _method.RequestMarshaller);
            var writer = new ServerResponseStream<TResponse>(call, _method.ResponseMarshaller);
            await _duplex!(reader, writer, context).ConfigureAwait(false);
        }
    }
}
