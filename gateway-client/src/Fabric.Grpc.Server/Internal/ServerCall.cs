using System.Buffers;
using Fabric.Grpc.Internal;
using Microsoft.AspNetCore.Http;

namespace Fabric.Grpc.Server.Internal;

/// <summary>The HTTP side of one server call: reads request frames, writes response frames.</summary>
internal sealed class ServerCall(HttpContext httpContext, GrpcServerOptions options, ServerCallContext context)
{
    private readonly string? _encoding = httpContext.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
    private int _writePending;
    private volatile bool _completed;

    public HttpContext HttpContext { get; } = httpContext;

    public ServerCallContext Context { get; } = context;

    public void MarkCompleted() => _completed = true;

    public async Task<(bool Read, TRequest Message)> TryReadMessageAsync<TRequest>(Marshaller<TRequest> marshaller, CancellationToken cancellationToken)
    {
        var payload = await GrpcFrame.ReadAsync(HttpContext.Request.Body, options.MaxReceiveMessageSize, cancellationToken, _encoding).ConfigureAwait(false);
        return payload is null ? (false, default!) : (true, GrpcFrame.Deserialize(marshaller, payload));
    }

    public async Task<TRequest> ReadSingleMessageAsync<TRequest>(Marshaller<TRequest> marshaller)
    {
        var (read, message) = await TryReadMessageAsync(marshaller, Context.CancellationToken).ConfigureAwait(false);
        if (!read)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request stream ended without a request message."));
        }

        return message;
    }

    public async Task WriteMessageAsync<TResponse>(Marshaller<TResponse> marshaller, TResponse message, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            throw new InvalidOperationException("Can't write the message because the call is complete.");
        }

        if (Interlocked.Exchange(ref _writePending, 1) != 0)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }

        try
        {
            var frame = GrpcFrame.Frame(marshaller, message, options.MaxSendMessageSize);
            var writer = HttpContext.Response.BodyWriter;
            writer.Write(frame);
            var result = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled || result.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException("The client is no longer reading the response.", cancellationToken);
            }
        }
        finally
        {
            Volatile.Write(ref _writePending, 0);
        }
    }
}
