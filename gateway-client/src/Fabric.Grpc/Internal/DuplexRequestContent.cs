using System.Net;
using System.Net.Http.Headers;

namespace Fabric.Grpc.Internal;

/// <summary>
/// A request body written while the response is read: HttpClient hands us the HTTP/2 request
/// stream, writers push framed messages into it, and completing ends the stream (half-close).
/// </summary>
internal sealed class DuplexRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DuplexRequestContent()
    {
        Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
    }

    /// <summary>The request stream, once HttpClient starts sending the body.</summary>
    public Task<Stream> StreamTask => _stream.Task;

    /// <summary>Ends the request body normally.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Ends the request body because the call is over; pending writers fail with <paramref name="error"/>.</summary>
    public void Abort(Exception error)
    {
        _stream.TrySetException(error);
        _completed.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Send the HEADERS frame now: SocketsHttpHandler otherwise holds it until the first body
        // bytes, and a server that speaks first (a chaincode sending REGISTER) would wait forever.
        try
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _stream.TrySetException(e);
            throw;
        }

        _stream.TrySetResult(stream);
        using var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), _completed);
        await _completed.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
